import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type AcceptedCase, type BadInputCase, badModel, CORPUS, MIB, sparseFile } from "./case.js";

const CHECKSUM = "checksum does not match its contents: the file was edited or corrupted";

/**
 * rpf JSON model files: truncated, from the future, edited, and hostile. The hostile ones were
 * re-signed (a valid checksum over the edit), so they reach the check under test.
 */
export const badModels: BadInputCase[] = [
  ...badModel("model", "truncated.json", "a truncated model", "not valid JSON; it may be truncated"),
  ...badModel("model", "empty.json", "a zero-byte model file", "empty.json is empty (0 bytes)"),
  ...badModel("model", "blank.json", "a model file of white space", "blank.json is blank (only white space)"),
  ...badModel("model", "json-array.json", "JSON that is not an object", "the model is missing or not an object"),
  ...badModel("model", "format-version-999.json", "format version 999", "format version 999", "upgrade rpf"),
  ...badModel("model", "format-version-text.json", 'formatVersion "1"', '"1" is not a positive integer'),
  ...badModel("model", "wrong-format.json", "another format name", 'not an rpf model (format is "rpf-modle")'),
  ...badModel(
    "model",
    "v1-with-gaussian-head.json",
    "a format-version-1 model whose spec names the Gaussian head",
    'names head "gaussian", but format version 1 has only the mse head',
  ),
  ...badModel("model", "checksum-mismatch.json", "a weight edited (checksum mismatch)", CHECKSUM),
  ...badModel("model", "missing-checksum.json", "no checksum", "checksum field is missing"),
  ...badModel("model", "params-base64-too-short.json", "base64 weights too short", "wrong number of bytes"),
  ...badModel("model", "params-base64-too-long.json", "base64 weights too long", "params.prior holds the wrong"),
  ...badModel("model", "params-base64-invalid.json", "weights that are not base64", "not valid base64 float32"),
  ...badModel(
    "model",
    "params-shape-absurd.json",
    "a tensor claiming 10^18 values",
    'must be float32 of shape [1, 7] for this spec, got "float32" [1000000000,1000000000]',
  ),
  ...badModel("model", "spec-members-1e9.json", "10^9 members", "members must be an integer from 1 to 1024"),
  ...badModel("model", "spec-hidden-width-1e7.json", "a hidden width of 10^7", "must be an integer from 1 to 4096"),
  ...badModel(
    "model",
    "spec-largest-valid-without-weights.json",
    "the largest valid spec (1024 members, 16 layers of 4096) with a few weights",
    "must be float32 of shape [1024, 251731969]",
  ),
  ...badModel("model", "nan-weight.json", "a NaN weight", "trainable parameter 0 is not finite (NaN)"),
  ...badModel("model", "standardizer-zero-scale.json", "a zero scale", "xScale must be a list of 1 finite number > 0"),
  ...badModel("model", "columns-do-not-fit.json", "3 column names, 1 input", "columns.x must be a list of 1 column"),
  ...badModel("model", "training-not-an-object.json", "a training report string", "training must be an object"),
  ...badModel(
    "model",
    { name: "fifty-megabyte-string.json", make: (path) => writeFile(path, `"${"a".repeat(50 * MIB)}"`) },
    "a JSON file that is one 50 MB string",
    "is plain text",
    "not a model; expected an rpf model",
  ),
  ...badModel(
    "model",
    { name: "fifty-megabyte-format.json", make: (path) => writeFile(path, `{"format":"${"a".repeat(50 * MIB)}"}`) },
    "a 50 MB format field, quoted only in part",
    /format is "a{59}… \(52428802 characters\)\)$/m,
  ),
  ...badModel(
    "model",
    {
      name: "deeply-nested.json",
      make: async (path) => {
        const valid = await readFile(join(CORPUS, "model", "valid.json"), "utf8");
        await writeFile(path, valid.replace(/^\{/, `{"extra": ${"[".repeat(100_000)}${"]".repeat(100_000)},`));
      },
    },
    "a valid model with JSON nested 100000 levels deep in an extra field",
    "nests JSON more than 64 levels deep",
  ),
  ...badModel(
    "model",
    { name: "huge.json", make: sparseFile(600 * MIB) },
    "a 600 MiB model file, above the 512 MiB cap (refused before reading)",
    "huge.json is 629145600 bytes (600 MiB); at most 536870912 bytes (512 MiB) are accepted",
  ),
  ...badModel(
    "model",
    { name: "data.json", make: (path) => writeFile(path, "x,y\n0.1,1\n0.2,2\n") },
    "a CSV renamed .json",
    'data.json is CSV text (first line: "x,y"), not a model',
    "expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)",
  ),
];

export const acceptedModels: AcceptedCase[] = [
  {
    name: "a model file an editor saved with a UTF-8 byte-order mark",
    inputs: [{ fixture: "model/utf8-bom.json" }],
    args: ["predict", "--model", "utf8-bom.json", "--x=-1:1:5", "--out", "predictions.csv"],
  },
];
