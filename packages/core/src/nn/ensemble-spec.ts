import { NETWORK_FIELDS, OPTIMIZER_FIELDS, SPEC_FIELDS } from "../spec/fields.js";
import type { AdamSpec, EnsembleSpec, NetworkSpec } from "../spec/types.js";
import { type MlpSpec, validateMlpSpec } from "./mlp.js";

/** The Gaussian head's variance floor unless the spec says otherwise, in standardised y units². */
export const DEFAULT_VARIANCE_FLOOR: number = SPEC_FIELDS.varianceFloor.default;

/** The seed notebook's network: two hidden layers of 16 ELU units, Glorot-normal kernels. */
export const NOTEBOOK_NETWORK: NetworkSpec = {
  hiddenSizes: NETWORK_FIELDS.hiddenSizes.default,
  activation: NETWORK_FIELDS.activation.default,
  kernelInit: NETWORK_FIELDS.kernelInit.default,
};

/** optax.adam's defaults. */
export const ADAM_DEFAULTS: Omit<AdamSpec, "learningRate" | "clipNorm"> = {
  kind: "adam",
  b1: OPTIMIZER_FIELDS.b1.default,
  b2: OPTIMIZER_FIELDS.b2.default,
  eps: OPTIMIZER_FIELDS.eps.default,
};

/**
 * Outputs of each network (trainable and prior alike): outputSize for "mse"; 2·outputSize for
 * "gaussian", laid out per row as [means (outputSize), raw variances (outputSize)].
 */
export function headWidth(spec: Pick<EnsembleSpec, "head" | "outputSize">): number {
  return spec.head === "gaussian" ? 2 * spec.outputSize : spec.outputSize;
}

function toMlp(spec: EnsembleSpec, network: NetworkSpec): MlpSpec {
  return validateMlpSpec({
    inputSize: spec.inputSize,
    hiddenSizes: network.hiddenSizes,
    outputSize: headWidth(spec),
    activation: network.activation,
    kernelInit: network.kernelInit,
    biasInit: "zeros",
  });
}

/**
 * The trainable network of every member as an MlpSpec (inputSize → hidden → headWidth(spec)).
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation or initializer are invalid.
 */
export function trainableMlp(spec: EnsembleSpec): MlpSpec {
  return toMlp(spec, spec.trainable);
}

/**
 * The frozen prior network of every member as an MlpSpec (inputSize → prior hidden → headWidth(spec)).
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation or initializer are invalid.
 */
export function priorMlp(spec: EnsembleSpec): MlpSpec {
  return toMlp(spec, spec.prior);
}

/**
 * Whether the epoch numbered `epoch` (0-based, counted over the whole run, resumed and streamed
 * chunks included) is one of mean warm-up's (spec.meanWarmup; Sluijterman et al. 2024): its steps
 * fit the Gaussian head's mean alone by squared error and give the raw variances no gradient
 * (docs/heads.md). The float64 reference in core/testing states the rule on its own, so the
 * conformance suite checks this one against it.
 */
export function inMeanWarmup(spec: Pick<EnsembleSpec, "meanWarmup">, epoch: number): boolean {
  return epoch < spec.meanWarmup;
}
