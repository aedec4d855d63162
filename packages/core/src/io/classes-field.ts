import { InvalidArgumentError, ModelFormatError } from "../errors.js";
import type { EnsembleSpec } from "../spec/types.js";
import { showValue } from "./model-messages.js";

/**
 * The `classes` of a model: what is wrong with `value` as the class labels of a model of `spec`,
 * or null when nothing is. A categorical model names one distinct, non-empty label per output
 * (index k ↔ classes[k]); any other head has none. The order is the writer's (rpf train sorts,
 * docs/heads.md); the reader only needs the map to be one label per logit.
 */
export function classesProblem(value: unknown, spec: EnsembleSpec, where: string): string | null {
  if (spec.head !== "categorical") {
    return value === undefined || value === null
      ? null
      : `${where} belongs to a categorical model; this model's head is ${spec.head}`;
  }
  const count = spec.outputSize;
  if (value === undefined || value === null)
    return `${where} is missing; a categorical model names its ${count} classes (one label per output)`;
  if (!Array.isArray(value) || value.length !== count)
    return `${where} must be a list of ${count} class labels (one per output), got ${showValue(value)}`;
  const bad = value.findIndex((label) => typeof label !== "string" || label === "");
  if (bad >= 0) return `${where}[${bad}] must be a non-empty label, got ${showValue(value[bad])}`;
  const seen = new Set<string>();
  for (const label of value as string[]) {
    if (seen.has(label)) return `${where} names class ${showValue(label)} twice; each label names one output`;
    seen.add(label);
  }
  return null;
}

/**
 * A model file's class labels: undefined for a model of another head, the labels for a categorical one.
 * @throws {ModelFormatError} for a categorical model without classes, with the wrong number, an
 *   empty label or a label twice, and for classes on a model of another head.
 */
export function decodeClasses(value: unknown, spec: EnsembleSpec, where = "classes"): readonly string[] | undefined {
  const problem = classesProblem(value, spec, where);
  if (problem) throw new ModelFormatError(problem, { field: where });
  return spec.head === "categorical" ? [...(value as string[])] : undefined;
}

/**
 * Refuses to write classes that decodeClasses would refuse, so no file is made that cannot be read back.
 * @throws {InvalidArgumentError} naming the problem (field "classes").
 */
export function assertClasses(value: unknown, spec: EnsembleSpec): void {
  const problem = classesProblem(value, spec, "classes");
  if (problem) throw new InvalidArgumentError(problem, { field: "classes" });
}
