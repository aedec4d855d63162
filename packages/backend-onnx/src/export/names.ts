import type { EnsembleSpec } from "@rpf/core";

/** Names shared by the exporter and the importer: the format of an rpf ONNX file. */
export const ONNX_FORMAT = "rpf-onnx";
/**
 * The newest rpf ONNX format version this rpf reads: 4 adds the Yeo-Johnson input transform
 * (spec inputTransform, standardizer xLambda, the `x_lambda` initializer and the transform's
 * nodes before the standardisation); 3 adds categorical-head graphs
 * (probabilities, predicted_class and the entropy outputs, no y constants, `rpf.classes`); 2 added
 * Gaussian-head graphs (variance, aleatoric_std, epistemic_std); 1 had the mse head only. A file is
 * written with the oldest version that holds it (onnxFormatVersionOf).
 */
export const ONNX_FORMAT_VERSION = 4;
/** The first rpf ONNX format version with an input transform. */
export const INPUT_TRANSFORM_SINCE = 4;

/**
 * The format version a model's graph is written with: 4 with an input transform, else 3 for the
 * categorical head and 2 otherwise, so a reader that predates the categorical head still reads
 * every regression graph, and refuses a categorical one by its version ("upgrade rpf") rather than
 * by an unknown head. Likewise a reader that predates the input transform, which would otherwise
 * drop the spec's inputTransform and the standardizer's xLambda unseen and serve the model on
 * untransformed inputs.
 */
export function onnxFormatVersionOf(spec: Pick<EnsembleSpec, "head" | "inputTransform">): number {
  if (spec.inputTransform !== "none") return INPUT_TRANSFORM_SINCE;
  return spec.head === "categorical" ? 3 : 2;
}
/** The ONNX opset the exported graph imports (default domain). */
export const OPSET_VERSION = 17;
/** The ONNX IR version of the exported file. */
export const IR_VERSION = 8;

/** Keys of the metadata_props an rpf ONNX file carries, from which importOnnx restores the model. */
export const METADATA = {
  format: "rpf.format",
  formatVersion: "rpf.format_version",
  spec: "rpf.spec",
  seed: "rpf.seed",
  standardizer: "rpf.standardizer",
  training: "rpf.training",
  columns: "rpf.columns",
  classes: "rpf.classes",
} as const;

/** Names of the graph's input, outputs and constant tensors. */
export const TENSOR = {
  input: "x",
  mean: "mean",
  std: "std",
  aleatoricStd: "aleatoric_std",
  epistemicStd: "epistemic_std",
  variance: "variance",
  probabilities: "probabilities",
  predictedClass: "predicted_class",
  entropy: "entropy",
  aleatoricEntropy: "aleatoric_entropy",
  mutualInformation: "mutual_information",
  members: "members",
  prior: "prior",
  trainable: "trainable",
  xMean: "x_mean",
  xScale: "x_scale",
  xLambda: "x_lambda",
  yMean: "y_mean",
  yScale: "y_scale",
  priorScale: "prior_scale",
  varianceFloor: "variance_floor",
} as const;

/** The initializer holding layer l's kernel [M, fanIn, fanOut] or bias [M, 1, fanOut] of a net. */
export function layerTensorName(net: "trainable" | "prior", layer: number, part: "kernel" | "bias"): string {
  return `${net}.layers.${layer}.${part}`;
}
