import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { paramCounts, validateEnsembleParams } from "../ensemble/params.js";
import { type EnsembleSpec, type EnsembleSpecInput, resolveEnsembleSpec } from "../ensemble/spec.js";
import { isRpfError, ModelFormatError } from "../errors.js";
import { canonicalJson } from "./canonical-json.js";
import { base64ByteLength, decodeFloat32, encodeFloat32 } from "./float32-base64.js";
import type { ModelData, TrainingReport } from "./model-data.js";

export const MODEL_FORMAT = "rpf-model";
export const MODEL_FORMAT_VERSION = 1;
/** Larger files are refused before parsing, so a hostile file cannot exhaust memory. */
export const MAX_MODEL_FILE_BYTES = 512 * 1024 * 1024;

interface TensorRecord {
  dtype: "float32";
  shape: [number, number];
  data: string;
}

function checksumOf(body: Record<string, unknown>): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(body))))}`;
}

/**
 * Serialises a model to the JSON text of format version 1 (see docs/model-format.md). Parameters
 * that decodeModel would refuse (wrong length, non-finite) throw ShapeError here instead of
 * producing a file that can never be read back.
 */
export function encodeModel(model: ModelData, options: { createdAt?: string; producer?: string } = {}): string {
  validateEnsembleParams(model.spec, model.params);
  const counts = paramCounts(model.spec);
  const tensor = (values: Float32Array, perMember: number): TensorRecord => ({
    dtype: "float32",
    shape: [model.spec.members, perMember],
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
    params: {
      byteOrder: "little",
      trainable: tensor(model.params.trainable, counts.trainable),
      prior: tensor(model.params.prior, counts.prior),
    },
  };
  return `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 1)}\n`;
}

function fail(message: string, cause?: unknown): never {
  throw new ModelFormatError(message, {}, cause);
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(`${what} is missing or not an object`);
  return value as Record<string, unknown>;
}

function decodeTensor(value: unknown, name: string, members: number, perMember: number): Float32Array {
  const record = asRecord(value, `params.${name}`);
  const shape = record.shape;
  if (record.dtype !== "float32" || !Array.isArray(shape) || shape[0] !== members || shape[1] !== perMember) {
    fail(
      `params.${name} must be float32 of shape [${members}, ${perMember}] for this spec, got ${JSON.stringify(record.dtype)} ${JSON.stringify(shape)}`,
    );
  }
  if (typeof record.data !== "string" || base64ByteLength(record.data) !== members * perMember * 4) {
    fail(`params.${name} holds the wrong number of bytes for shape [${members}, ${perMember}]`);
  }
  try {
    return decodeFloat32(record.data);
  } catch (error) {
    return fail(`params.${name} is not valid base64 float32 data`, error);
  }
}

function decodeSpec(value: unknown): EnsembleSpec {
  try {
    return resolveEnsembleSpec(asRecord(value, "spec") as EnsembleSpecInput);
  } catch (error) {
    if (isRpfError(error)) fail(`the model's spec is invalid: ${error.message}`, error);
    throw error;
  }
}

/** Parses and validates model text; every problem is a ModelFormatError that says what is wrong. */
export function decodeModel(text: string): ModelData {
  if (text.length > MAX_MODEL_FILE_BYTES) fail(`the file is larger than ${MAX_MODEL_FILE_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail("the file is not an rpf model (not valid JSON; it may be truncated)", error);
  }
  const file = asRecord(parsed, "the model");
  if (file.format !== MODEL_FORMAT) fail(`the file is not an rpf model (format is ${JSON.stringify(file.format)})`);
  const version = file.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    fail(`the model's formatVersion ${JSON.stringify(version)} is not a positive integer`);
  }
  if (version > MODEL_FORMAT_VERSION) {
    fail(`the model has format version ${version}; this rpf reads versions up to ${MODEL_FORMAT_VERSION}: upgrade rpf`);
  }
  const { checksum, ...body } = file;
  if (typeof checksum !== "string" || checksum !== checksumOf(body)) {
    fail("the model's checksum does not match its contents: the file was edited or corrupted");
  }
  const spec = decodeSpec(file.spec);
  const counts = paramCounts(spec);
  const params = asRecord(file.params, "params");
  const decoded = {
    trainable: decodeTensor(params.trainable, "trainable", spec.members, counts.trainable),
    prior: decodeTensor(params.prior, "prior", spec.members, counts.prior),
  };
  try {
    validateEnsembleParams(spec, decoded);
  } catch (error) {
    fail(`the model's parameters are invalid: ${(error as Error).message}`, error);
  }
  const standardizer = asRecord(file.standardizer, "standardizer") as unknown as ModelData["standardizer"];
  for (const [key, width] of [
    ["xMean", spec.inputSize],
    ["xScale", spec.inputSize],
    ["yMean", spec.outputSize],
    ["yScale", spec.outputSize],
  ] as const) {
    const values = standardizer[key];
    if (
      !Array.isArray(values) ||
      values.length !== width ||
      !values.every((v) => typeof v === "number" && Number.isFinite(v))
    ) {
      fail(`standardizer.${key} must hold ${width} finite numbers`);
    }
  }
  return {
    spec,
    params: decoded,
    standardizer,
    training: (file.training ?? null) as TrainingReport | null,
    ...(file.columns ? { columns: file.columns as ModelData["columns"] } : {}),
  };
}
