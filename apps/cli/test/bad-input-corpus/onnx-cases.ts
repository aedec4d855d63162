import { type BadInputCase, badModel } from "./case.js";

const NEITHER =
  /is binary data that is not an ONNX model \(it starts [0-9a-f ]+\); expected an rpf model \(JSON text, \.json\) or an ONNX model/;

/** ONNX files: broken, not rpf's, from the future, and hostile (sizes, missing or edited tensors). */
export const badOnnxFiles: BadInputCase[] = [
  ...badModel("onnx", "truncated.onnx", "a truncated ONNX file", "starts like an ONNX file but does not parse"),
  ...badModel("onnx", "random-bytes.onnx", "4 KiB of random bytes", NEITHER),
  ...badModel("onnx", "zero-bytes.onnx", "a zero-byte ONNX file", "zero-bytes.onnx is empty (0 bytes)"),
  ...badModel("onnx", "all-zero-bytes.onnx", "4 KiB of zero bytes", NEITHER),
  ...badModel("onnx", { fixture: "../not-made-by-rpf.onnx" }, "a graph not made by rpf", "was not made by rpf"),
  ...badModel("onnx", "wrong-format.onnx", "rpf.format of another tool", "was not made by rpf"),
  ...badModel("onnx", "format-version-999.onnx", "rpf format version 999", "format version 999", "upgrade rpf"),
  ...badModel("onnx", "spec-not-json.onnx", "a spec that is not JSON", "metadata rpf.spec is not valid JSON"),
  ...badModel(
    "onnx",
    "spec-needs-terabytes.onnx",
    "a spec needing 2 TB of weights in a 3 KB file",
    /spec needs 2062188290048 bytes of weights .* but the file has only \d+ bytes/,
  ),
  ...badModel("onnx", "tensor-dims-2p40.onnx", "a tensor claiming 2^40 values", "got type 1 [1048576, 1048576]"),
  ...badModel("onnx", "tensor-bytes-short.onnx", "a tensor with too few bytes", "holds 4 bytes; expected 8"),
  ...badModel("onnx", "tensor-missing.onnx", "a missing tensor", 'no initializer "prior.layers.1.bias"'),
  ...badModel("onnx", "nan-weight.onnx", "a NaN weight", "trainable parameter 0 is not finite (NaN)"),
  ...badModel("onnx", "standardizer-edited.onnx", "metadata and graph disagree", 'does not match its "x_mean"'),
  ...badModel("onnx", "columns-not-an-object.onnx", "columns that are a string", "rpf.columns must be an object"),
  ...badModel(
    "onnx",
    "yeo-johnson-lambda-edited.onnx",
    "Yeo-Johnson λs: metadata and graph disagree",
    'standardizer.xLambda in the metadata does not match its "x_lambda"',
  ),
  ...badModel(
    "onnx",
    "yeo-johnson-lambda-tensor-missing.onnx",
    "Yeo-Johnson λs in the metadata, no x_lambda in the graph",
    'has xLambda but the graph has no "x_lambda" initializer',
  ),
  ...badModel(
    "onnx",
    "yeo-johnson-metadata-dropped.onnx",
    "an x_lambda in the graph, no Yeo-Johnson λs in the metadata",
    'has an "x_lambda" initializer but its metadata rpf.standardizer has no xLambda',
  ),
  ...badModel(
    "onnx",
    "yeo-johnson-lambda-out-of-range.onnx",
    "a Yeo-Johnson λ outside [-3, 3]",
    "rpf.standardizer.xLambda must be a list of 1 Yeo-Johnson λ from -3 to 3",
  ),
  ...badModel(
    "onnx",
    "yeo-johnson-format-version-3.onnx",
    "the Yeo-Johnson transform in a format version 3 file",
    'names inputTransform "yeo-johnson", which came with format version 4, but the file says version 3',
  ),
];
