import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Standardizer } from "../data/standardizer.js";
import { type EnsembleSpec, type EnsembleSpecInput, resolveEnsembleSpec } from "../ensemble/spec.js";
import { isRpfError, ModelFormatError } from "../errors.js";
import { canonicalJson } from "./canonical-json.js";
import { base64ByteLength } from "./float32-base64.js";

/** Checks shared by the model and checkpoint readers; every failure is a ModelFormatError. */

export function checksumOf(body: Record<string, unknown>): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(body))))}`;
}

export function fail(message: string, cause?: unknown): never {
  throw new ModelFormatError(message, {}, cause);
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(`${what} is missing or not an object`);
  return value as Record<string, unknown>;
}

/** Parses a file's JSON under a size cap and checks its format name, version and checksum. */
export function openVersionedFile(
  text: string,
  kind: {
    readonly what: "model" | "checkpoint";
    readonly format: string;
    readonly version: number;
    readonly maxBytes: number;
  },
): Record<string, unknown> {
  if (text.length > kind.maxBytes) fail(`the file is larger than ${kind.maxBytes} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(`the file is not an rpf ${kind.what} (not valid JSON; it may be truncated)`, error);
  }
  const file = asRecord(parsed, `the ${kind.what}`);
  if (file.format !== kind.format)
    fail(`the file is not an rpf ${kind.what} (format is ${JSON.stringify(file.format)})`);
  const version = file.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    fail(`the ${kind.what}'s formatVersion ${JSON.stringify(version)} is not a positive integer`);
  }
  if (version > kind.version) {
    fail(`the ${kind.what} has format version ${version}; this rpf reads versions up to ${kind.version}: upgrade rpf`);
  }
  const { checksum, ...body } = file;
  if (typeof checksum !== "string" || checksum !== checksumOf(body)) {
    fail(`the ${kind.what}'s checksum does not match its contents: the file was edited or corrupted`);
  }
  return file;
}

export function decodeSpec(value: unknown, what: string): EnsembleSpec {
  try {
    return resolveEnsembleSpec(asRecord(value, "spec") as EnsembleSpecInput);
  } catch (error) {
    if (isRpfError(error)) fail(`the ${what}'s spec is invalid: ${error.message}`, error);
    throw error;
  }
}

export function decodeStandardizer(value: unknown, spec: EnsembleSpec): Standardizer {
  const standardizer = asRecord(value, "standardizer") as unknown as Standardizer;
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
  return standardizer;
}

export interface TensorRecord {
  readonly dtype: "float32" | "float64";
  readonly shape: readonly [number, number];
  readonly data: string;
}

/**
 * Decodes one base64 tensor after checking its dtype, its shape against what the spec implies,
 * and its byte count against the shape, all before decoding anything.
 */
export function decodeTensorRecord<T>(
  value: unknown,
  name: string,
  expected: { readonly dtype: TensorRecord["dtype"]; readonly shape: readonly [number, number] },
  decode: (text: string) => T,
): T {
  const record = asRecord(value, name);
  const shape = record.shape;
  const [rows, columns] = expected.shape;
  if (record.dtype !== expected.dtype || !Array.isArray(shape) || shape[0] !== rows || shape[1] !== columns) {
    fail(
      `${name} must be ${expected.dtype} of shape [${rows}, ${columns}], got ${JSON.stringify(record.dtype)} ${JSON.stringify(shape)}`,
    );
  }
  const bytes = rows * columns * (expected.dtype === "float32" ? 4 : 8);
  if (typeof record.data !== "string" || base64ByteLength(record.data) !== bytes) {
    fail(`${name} holds the wrong number of bytes for shape [${rows}, ${columns}]`);
  }
  try {
    return decode(record.data);
  } catch (error) {
    return fail(`${name} is not valid base64 ${expected.dtype} data`, error);
  }
}
