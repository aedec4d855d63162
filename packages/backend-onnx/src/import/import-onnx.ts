import {
  type EnsembleSpec,
  type EnsembleSpecInput,
  isRpfError,
  type ModelData,
  ModelFormatError,
  type RpfErrorDetails,
  resolveEnsembleSpec,
  type Standardizer,
  sniffModelFile,
} from "@rpf/core";
import {
  assertInputTransformSince,
  decodeClasses,
  decodeColumns,
  decodeStandardizer,
  decodeTrainingReport,
  mlpLayout,
  paramCounts,
  priorMlp,
  trainableMlp,
  validateEnsembleParams,
} from "@rpf/core/backend";
import {
  INPUT_TRANSFORM_SINCE,
  layerTensorName,
  METADATA,
  ONNX_FORMAT,
  ONNX_FORMAT_VERSION,
  TENSOR,
} from "../export/names.js";
import { FLOAT, type Onnx, onnx } from "../onnx-proto.js";

/** The heads whose graphs each older format version has; the current version has every head. */
const HEADS_BY_VERSION: Readonly<Record<number, readonly unknown[]>> = { 1: ["mse"], 2: ["mse", "gaussian"] };

/**
 * The `details.field` of the error for bytes that are not an ONNX model at all, so a reader that
 * found an ONNX file's first bytes can say that it is truncated or corrupted.
 */
export const ONNX_MODEL_PROTO = "ModelProto";

function fail(message: string, cause?: unknown, details: RpfErrorDetails = {}): never {
  throw new ModelFormatError(message, details, cause);
}

function decode(bytes: Uint8Array): Onnx.ModelProto {
  try {
    const model = onnx.ModelProto.decode(bytes);
    if (!model.graph) fail("the file is not an ONNX model (it has no graph)");
    return model;
  } catch (error) {
    if (isRpfError(error)) throw error;
    // Bytes that open as ONNX does but stop parsing were cut short or damaged; others are not ONNX at all.
    return fail(
      sniffModelFile(bytes).kind === "onnx"
        ? "starts like an ONNX file but does not parse as one: it is truncated or corrupted"
        : "the file is not an ONNX model (it does not parse as an ONNX ModelProto)",
      error,
      { field: ONNX_MODEL_PROTO, accepted: "an ONNX ModelProto (protobuf)" },
    );
  }
}

/** Messages quote values from the file, which a hostile file can make megabytes long. */
function clip(message: string): string {
  return message.length <= 300 ? message : `${message.slice(0, 300)}… (${message.length} characters)`;
}

function parseJson<T>(metadata: Map<string, string>, key: string): T {
  const text = metadata.get(key);
  if (text === undefined) fail(`the ONNX model's metadata lacks ${key}`);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    return fail(`the ONNX model's metadata ${key} is not valid JSON`, error);
  }
}

/** Reads a float32 initializer's values, checking its shape. */
function readTensor(initializers: Map<string, Onnx.ITensorProto>, name: string, dims: readonly number[]): Float32Array {
  const tensor = initializers.get(name);
  if (!tensor) fail(`the ONNX model has no initializer "${name}"`);
  const actual = (tensor.dims ?? []).map(Number);
  if (tensor.dataType !== FLOAT || actual.length !== dims.length || actual.some((d, i) => d !== dims[i])) {
    // A hostile file can list thousands of dims: show a few.
    const shown = actual.length <= 8 ? actual.join(", ") : `${actual.slice(0, 8).join(", ")}, … ${actual.length} dims`;
    fail(`initializer "${name}" must be float32 of shape [${dims.join(", ")}], got type ${tensor.dataType} [${shown}]`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  if (tensor.rawData && tensor.rawData.length > 0) {
    if (tensor.rawData.length !== count * 4)
      fail(`initializer "${name}" holds ${tensor.rawData.length} bytes; expected ${count * 4}`);
    const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength);
    return Float32Array.from({ length: count }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (!tensor.floatData || tensor.floatData.length !== count)
    fail(`initializer "${name}" holds no data for ${count} values`);
  return Float32Array.from(tensor.floatData);
}

/** Unstacks [M, …] layer tensors back into core's flat [M, paramCount] layout. */
function readNet(
  initializers: Map<string, Onnx.ITensorProto>,
  spec: EnsembleSpec,
  net: "trainable" | "prior",
): Float32Array {
  const layout = mlpLayout(net === "trainable" ? trainableMlp(spec) : priorMlp(spec));
  const members = spec.members;
  const flat = new Float32Array(members * layout.paramCount);
  layout.layers.forEach((layer, l) => {
    const parts = [
      { entry: layer.kernel, dims: [members, layer.fanIn, layer.fanOut], name: layerTensorName(net, l, "kernel") },
      { entry: layer.bias, dims: [members, 1, layer.fanOut], name: layerTensorName(net, l, "bias") },
    ];
    for (const { entry, dims, name } of parts) {
      const stacked = readTensor(initializers, name, dims);
      for (let m = 0; m < members; m++)
        flat.set(stacked.subarray(m * entry.size, (m + 1) * entry.size), m * layout.paramCount + entry.offset);
    }
  });
  return flat;
}

/**
 * The standardisation from the metadata (exact, float64), checked against the float32 constants
 * the graph computes with (x only for the categorical head; the Yeo-Johnson λs `x_lambda` exactly
 * when the metadata has xLambda, which decodeStandardizer holds to the spec's inputTransform): a
 * mismatch, or one without the other, means the file was edited.
 */
function readStandardizer(
  metadata: Map<string, string>,
  initializers: Map<string, Onnx.ITensorProto>,
  spec: EnsembleSpec,
): Standardizer {
  const standardizer = decodeStandardizer(
    parseJson<unknown>(metadata, METADATA.standardizer),
    spec,
    `the ONNX model's metadata ${METADATA.standardizer}`,
  );
  const xFields = [
    ["xMean", TENSOR.xMean, spec.inputSize],
    ["xScale", TENSOR.xScale, spec.inputSize],
  ] as const;
  const yFields = [
    ["yMean", TENSOR.yMean, spec.outputSize],
    ["yScale", TENSOR.yScale, spec.outputSize],
  ] as const;
  const lambdaField = [["xLambda", TENSOR.xLambda, spec.inputSize]] as const;
  if (!standardizer.xLambda && initializers.has(TENSOR.xLambda)) {
    fail(
      `the ONNX model has an "${TENSOR.xLambda}" initializer but its metadata ${METADATA.standardizer} has no xLambda (the spec's inputTransform is "${spec.inputTransform}"): the file was edited`,
    );
  }
  if (standardizer.xLambda && !initializers.has(TENSOR.xLambda)) {
    fail(
      `the ONNX model's metadata ${METADATA.standardizer} has xLambda but the graph has no "${TENSOR.xLambda}" initializer: the file was edited`,
    );
  }
  // A categorical graph's logits are not rescaled, so it has no y constants to check.
  const regression = spec.head === "categorical" ? xFields : [...xFields, ...yFields];
  const fields = standardizer.xLambda ? [...regression, ...lambdaField] : regression;
  for (const [field, tensor, width] of fields) {
    const exact = standardizer[field]!;
    const inGraph = readTensor(initializers, tensor, [width]);
    if (exact.some((v, i) => Math.fround(v) !== inGraph[i])) {
      fail(`the ONNX model's standardizer.${field} in the metadata does not match its "${tensor}" initializer`);
    }
  }
  return standardizer;
}

/**
 * Reads an ONNX file written by rpf back into a model, exactly: the spec from the metadata, every
 * weight from the initializers (bit for bit), the standardisation from its initializers.
 * @throws {ModelFormatError} for bytes that are not an ONNX model rpf exported, of a known version, with weights that fit its spec.
 */
export function importOnnx(bytes: Uint8Array): ModelData {
  const model = decode(bytes);
  const metadata = new Map((model.metadataProps ?? []).map((p) => [p.key ?? "", p.value ?? ""]));
  if (metadata.get(METADATA.format) !== ONNX_FORMAT) {
    fail(
      `the ONNX model was not made by rpf (its metadata has no ${METADATA.format} = ${ONNX_FORMAT}); rpf reads only the ONNX files it exports`,
    );
  }
  const version = Number(metadata.get(METADATA.formatVersion));
  if (!Number.isInteger(version) || version < 1)
    fail(`the ONNX model's ${METADATA.formatVersion} is not a positive integer`);
  if (version > ONNX_FORMAT_VERSION)
    fail(`the ONNX model has rpf format version ${version}; this rpf reads up to ${ONNX_FORMAT_VERSION}: upgrade rpf`);
  const specInput = parseJson<EnsembleSpecInput>(metadata, METADATA.spec);
  // Each version's graphs have the outputs of the heads it knew: a later head in an earlier version was edited in.
  const head = specInput?.head ?? "mse";
  const headsOfVersion = HEADS_BY_VERSION[version];
  if (headsOfVersion && !headsOfVersion.includes(head)) {
    fail(
      `the ONNX model's spec names head ${clip(JSON.stringify(head))}, but rpf ONNX format version ${version} has only the ${headsOfVersion.join(" and ")} head${headsOfVersion.length > 1 ? "s" : ""}: the file was edited`,
    );
  }
  let spec: EnsembleSpec;
  // cannot throw {InvalidArgumentError}: the catch turns every rpf error into a ModelFormatError
  try {
    spec = resolveEnsembleSpec(specInput);
  } catch (error) {
    if (isRpfError(error) && !ModelFormatError.isInstance(error))
      fail(`the ONNX model's spec is invalid: ${clip(error.message)}`, error);
    throw error;
  }
  assertInputTransformSince(spec, "ONNX model", version, INPUT_TRANSFORM_SINCE);
  // The weights are in the file: a spec that needs more bytes than the file holds was edited, and
  // allocating for it could exhaust memory (the largest valid spec needs terabytes).
  // cannot throw {InvalidArgumentError}: resolveEnsembleSpec has validated the spec
  const counts = paramCounts(spec);
  const weightBytes = spec.members * (counts.trainable + counts.prior) * 4;
  if (weightBytes > bytes.length) {
    fail(
      `the ONNX model's spec needs ${weightBytes} bytes of weights (${spec.members} members × ${counts.trainable + counts.prior} parameters) but the file has only ${bytes.length} bytes: it is truncated or was edited`,
    );
  }
  const initializers = new Map((model.graph!.initializer ?? []).map((t) => [t.name ?? "", t]));
  // cannot throw {InvalidArgumentError}: resolveEnsembleSpec has validated the spec
  const params = { trainable: readNet(initializers, spec, "trainable"), prior: readNet(initializers, spec, "prior") };
  try {
    validateEnsembleParams(spec, params);
  } catch (error) {
    fail(`the ONNX model's weights are invalid: ${(error as Error).message}`, error);
  }
  const standardizer = readStandardizer(metadata, initializers, spec);
  if (
    spec.head === "gaussian" &&
    readTensor(initializers, TENSOR.varianceFloor, [])[0] !== Math.fround(spec.varianceFloor)
  ) {
    fail(
      `the ONNX model's spec.varianceFloor in the metadata does not match its "${TENSOR.varianceFloor}" initializer`,
    );
  }
  const metadataField = (key: string) => (metadata.has(key) ? parseJson<unknown>(metadata, key) : undefined);
  const columns = decodeColumns(metadataField(METADATA.columns), spec, `the ONNX model's metadata ${METADATA.columns}`);
  const classes = decodeClasses(metadataField(METADATA.classes), spec, `the ONNX model's metadata ${METADATA.classes}`);
  return {
    spec,
    params,
    standardizer,
    training: decodeTrainingReport(metadataField(METADATA.training), `the ONNX model's metadata ${METADATA.training}`),
    ...(columns ? { columns } : {}),
    ...(classes ? { classes } : {}),
  };
}
