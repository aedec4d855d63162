import { paramCounts, validateEnsembleParams } from "../members/params.js";
import {
  asRecord,
  checksumOf,
  decodeSpec,
  decodeTensorRecord,
  fail,
  openVersionedFile,
  type TensorRecord,
} from "./file-checks.js";
import { decodeFloat32, encodeFloat32 } from "./float32-base64.js";
import type { ModelData } from "./model-data.js";
import { decodeColumns, decodeStandardizer, decodeTrainingReport } from "./model-fields.js";
import { decodeCalibration } from "./validation-fields.js";

/** The `format` field every model file carries (docs/model-format.md). */
export const MODEL_FORMAT = "rpf-model";
/** 2: the spec records head, varianceFloor and weightDecay (docs/model-format.md); 1 is still read. */
export const MODEL_FORMAT_VERSION = 2;
/** Larger files are refused before parsing, so a hostile file cannot exhaust memory. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;
const MODEL_FILE = {
  what: "model",
  format: MODEL_FORMAT,
  version: MODEL_FORMAT_VERSION,
  maxBytes: MAX_MODEL_FILE_BYTES,
} as const;

/**
 * Serialises a model to the JSON text of format version 2 (see docs/model-format.md). Parameters
 * that decodeModel would refuse (wrong length, non-finite) throw ShapeError here instead of
 * producing a file that can never be read back.
 * @throws {ShapeError} for parameters that are not [members, paramCount] float32 or hold a non-finite value.
 * @throws {InvalidArgumentError} when the model's spec has invalid layer sizes or activation.
 */
export function encodeModel(model: ModelData, options: { createdAt?: string; producer?: string } = {}): string {
  validateEnsembleParams(model.spec, model.params);
  const counts = paramCounts(model.spec);
  const tensor = (values: Float32Array, perMember: number): TensorRecord => ({
    dtype: "float32",
    shape: [model.spec.members, perMember] as const,
    data: encodeFloat32(values),
  });
  const body: Record<string, unknown> = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    producer: options.producer ?? "@rpf/core",
    createdAt: options.createdAt ?? new Date().toISOString(),
    spec: model.spec,
    standardizer: model.standardizer,
    training: model.training,
    columns: model.columns,
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
  const spec = decodeSpec(file.spec, "model", file.formatVersion as number);
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
  return {
    spec,
    params: decoded,
    standardizer: decodeStandardizer(file.standardizer, spec),
    training: decodeTrainingReport(file.training),
    ...(columns ? { columns } : {}),
    ...(calibration ? { calibration } : {}),
  };
}
