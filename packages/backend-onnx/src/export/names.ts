/** Names shared by the exporter and the importer: the format of an rpf ONNX file. */
export const ONNX_FORMAT = "rpf-onnx";
export const ONNX_FORMAT_VERSION = 1;
export const OPSET_VERSION = 17;
export const IR_VERSION = 8;

export const METADATA = {
  format: "rpf.format",
  formatVersion: "rpf.format_version",
  spec: "rpf.spec",
  seed: "rpf.seed",
  standardizer: "rpf.standardizer",
  training: "rpf.training",
  columns: "rpf.columns",
} as const;

export const TENSOR = {
  input: "x",
  mean: "mean",
  std: "std",
  members: "members",
  prior: "prior",
  trainable: "trainable",
  xMean: "x_mean",
  xScale: "x_scale",
  yMean: "y_mean",
  yScale: "y_scale",
  priorScale: "prior_scale",
} as const;

/** The initializer holding layer l's kernel [M, fanIn, fanOut] or bias [M, 1, fanOut] of a net. */
export function layerTensorName(net: "trainable" | "prior", layer: number, part: "kernel" | "bias"): string {
  return `${net}.layers.${layer}.${part}`;
}
