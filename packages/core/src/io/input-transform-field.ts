import { YEO_JOHNSON_LAMBDA_RANGE } from "../data/yeo-johnson.js";
import { InvalidArgumentError } from "../errors.js";
import type { EnsembleSpec } from "../spec/types.js";
import { showValue } from "./model-messages.js";

/**
 * The standardizer's `xLambda`: what is wrong with `value` as the Yeo-Johnson λs of a model of
 * `spec`, or null when nothing is. A model whose inputTransform is "yeo-johnson" has one λ in
 * YEO_JOHNSON_LAMBDA_RANGE per input column; a model without the transform has none (a λ there
 * would be dropped unseen by a reader that trusts the spec).
 */
export function xLambdaProblem(value: unknown, spec: EnsembleSpec, where: string): string | null {
  if (spec.inputTransform === "none") {
    return value === undefined
      ? null
      : `${where} is only for inputTransform "yeo-johnson"; this spec's inputTransform is "none"`;
  }
  const { min, max } = YEO_JOHNSON_LAMBDA_RANGE;
  const count = spec.inputSize;
  const fits =
    Array.isArray(value) &&
    value.length === count &&
    value.every((v) => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max);
  return fits
    ? null
    : `${where} must be a list of ${count} Yeo-Johnson λ${count === 1 ? "" : "s"} from ${min} to ${max} (inputTransform "${spec.inputTransform}"), got ${showValue(value)}`;
}

/**
 * Refuses to write a standardizer whose λs decodeStandardizer would refuse, so no model,
 * checkpoint or ONNX file is made that cannot be read back or that would skip the transform.
 * @throws {InvalidArgumentError} naming the problem (field "standardizer.xLambda").
 */
export function assertInputTransform(xLambda: unknown, spec: EnsembleSpec): void {
  const problem = xLambdaProblem(xLambda, spec, "standardizer.xLambda");
  if (problem) throw new InvalidArgumentError(problem, { field: "standardizer.xLambda" });
}
