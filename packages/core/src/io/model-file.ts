import { paramCounts, validateEnsembleParams } from "../members/params.js";
import { assertClasses, decodeClasses } from "./classes-field.js";
import {
  asRecord,
  assertInputTransformSince,
  checksumOf,
  decodeSpec,
  decodeTensorRecord,
  fail,
  openVersionedFile,
  type TensorRecord,
} from "./file-checks.js";
import { decodeFloat32, encodeFloat32 } from "./float32-base64.js";
import { assertInputTransform } from "./input-transform-field.js";
import type { ModelData } from "./model-data.js";
import { decodeColumns, decodeStandardizer, decodeTrainingReport } from "./model-fields.js";
import { decodeCalibration } from "./validation-fields.js";

/** The `format` field every model file carries (docs/model-format.md). */
export const MODEL_FORMAT = "rpf-model";
/**
 * The newest format version this rpf reads and writes: 4 adds the input transform (the spec's
 * inputTransform and the standardizer's xLambda); 3 adds the categorical head and its `classes`;
 * 2 made the spec record head, varianceFloor and weightDecay; 1 is still read
 * (docs/model-format.md). A file is written with the oldest version that holds it (formatVersionOf).
 */
export const MODEL_FORMAT_VERSION = 4;
/** The first format version with the categorical head. */
const CATEGORICAL_SINCE = 3;
/** The first format version with an input transform. */
const INPUT_TRANSFORM_SINCE = 4;
/** Larger files are refused before parsing, so a hostile file cannot exhaust memory. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;
const MODEL_FILE = {
  what: "model",
  format: MODEL_FORMAT,
  version: MODEL_FORMAT_VERSION,
  maxBytes: MAX_MODEL_FILE_BYTES,
} as const;

/**
 * The version a model is written with: the oldest that holds it, so a reader that predates the
 * categorical head still reads every regression model, and refuses a categorical one by its
 * version ("upgrade rpf") rather than by an unknown head. Likewise for the input transform, which
 * a reader that predates it would otherwise drop unseen (its spec parser ignores unknown fields)
 * and predict from untransformed inputs.
 */
export function formatVersionOf(model: Pick<ModelData, "spec">): number {
  if (model.spec.inputTransform !== "none") return INPUT_TRANSFORM_SINCE;
  return model.spec.head === "categorical" ? CATEGORICAL_SINCE : 2;
}

/**
 * Serialises a model to the JSON text of format version formatVersionOf(model) (see docs/model-format.md). Parameters
 * that decodeModel would refuse (wrong length, non-finite) throw ShapeError here instead of
 * producing a file that can never be read back.
 * @throws {ShapeError} for parameters that are not [members, paramCount] float32 or hold a non-finite value.
 * @throws {InvalidArgumentError} when the model's spec has invalid layer sizes or activation, its
 *   classes do not fit its head (a categorical model needs one distinct non-empty label per output),
 *   or its standardizer's xLambda does not fit its inputTransform.
 */
export function encodeModel(model: ModelData, options: { createdAt?: string; producer?: string } = {}): string {
  validateEnsembleParams(model.spec, model.params);
  assertClasses(model.classes, model.spec);
  assertInputTransform(model.standardizer.xLambda, model.spec);
  const counts = paramCounts(model.spec);
  const tensor = (values: Float32Array, perMember: number): TensorRecord => ({
    dtype: "float32",
    shape: [model.spec.members, perMember] as const,
    data: encodeFloat32(values),
  });
  const body: Record<string, unknown> = {
    format: MODEL_FORMAT,
    formatVersion: formatVersionOf(model),
    producer: options.producer ?? "@rpf/core",
    createdAt: options.createdAt ?? new Date().toISOString(),
    spec: model.spec,
    standardizer: model.standardizer,
    training: model.training,
    columns: model.columns,
    classes: model.classes,
    calibration: model.calibration,
    params: {
      byteOrder: "little",
      trainable: tensor(model.params.trainable, counts.trainable),
      prior: tensor(model.params.prior, counts.prior),
    },
  };
  return `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 1)}\n`;
}

/**
 * Parses and validates model text; every problem is a ModelFormatError that says what is wrong.
 * @throws {ModelFormatError} for anything that is not a whole, unedited model file of a known version.
 */
export function decodeModel(text: string): ModelData {
  const file = openVersionedFile(text, MODEL_FILE);
  const version = file.formatVersion as number;
  const spec = decodeSpec(file.spec, "model", version);
  if (spec.head === "categorical" && version < CATEGORICAL_SINCE)
    fail(
      `the model's spec names the categorical head, which came with format version ${CATEGORICAL_SINCE}, but the file says version ${version}: the file was edited`,
    );
  assertInputTransformSince(spec, "model", version, INPUT_TRANSFORM_SINCE);
  // cannot throw {InvalidArgumentError}: decodeSpec has validated the spec's networks
  const counts = paramCounts(spec);
  const params = asRecord(file.params, "params");
  const tensor = (name: "trainable" | "prior") =>
    decodeTensorRecord(
      params[name],
      `params.${name}`,
      { dtype: "float32", shape: [spec.members, counts[name]] },
      decodeFloat32,
    );
  const decoded = { trainable: tensor("trainable"), prior: tensor("prior") };
  try {
    validateEnsembleParams(spec, decoded);
  } catch (error) {
    fail(`the model's parameters are invalid: ${(error as Error).message}`, error);
  }
  const columns = decodeColumns(file.columns, spec);
  const calibration = decodeCalibration(file.calibration, spec);
  const classes = decodeClasses(file.classes, spec);
  return {
    spec,
    params: decoded,
    standardizer: decodeStandardizer(file.standardizer, spec),
    training: decodeTrainingReport(file.training),
    ...(columns ? { columns } : {}),
    ...(classes ? { classes } : {}),
    ...(calibration ? { calibration } : {}),
  };
}
