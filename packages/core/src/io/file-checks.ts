import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { isRpfError, ModelFormatError } from "../errors.js";
import { MAX_JSON_DEPTH } from "../spec/caps.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import { canonicalJson } from "./canonical-json.js";
import { base64ByteLength } from "./float32-base64.js";
import { clip, showValue } from "./model-messages.js";

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

/**
 * Whether arrays and objects in `value` nest deeper than MAX_JSON_DEPTH. Walked without recursion,
 * and stacking only containers (not the numbers of a long array), so hostile input costs little.
 */
function nestsTooDeep(value: unknown): boolean {
  const stack: [object, number][] = [];
  const visit = (item: unknown, depth: number) => {
    if (item !== null && typeof item === "object") stack.push([item, depth]);
  };
  visit(value, 1);
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) return true;
    if (Array.isArray(item)) for (let i = 0; i < item.length; i++) visit(item[i], depth + 1);
    else for (const key in item) visit((item as Record<string, unknown>)[key], depth + 1);
  }
  return false;
}

/**
 * Parses a file's JSON under a size cap and checks its nesting, format name, version and
 * checksum, in that order: quoting a field in a message, and the checksum, walk the JSON
 * recursively, so depth comes first.
 */
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
    // A byte-order mark (added by some editors) is not part of the JSON, nor of the checksum.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    fail(`the file is not an rpf ${kind.what} (not valid JSON; it may be truncated)`, error);
  }
  const file = asRecord(parsed, `the ${kind.what}`);
  if (nestsTooDeep(file)) fail(`the file nests JSON more than ${MAX_JSON_DEPTH} levels deep; rpf files nest at most 5`);
  if (file.format !== kind.format) fail(`the file is not an rpf ${kind.what} (format is ${showValue(file.format)})`);
  const version = file.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    fail(`the ${kind.what}'s formatVersion ${showValue(version)} is not a positive integer`);
  }
  if (version > kind.version) {
    fail(`the ${kind.what} has format version ${version}; this rpf reads versions up to ${kind.version}: upgrade rpf`);
  }
  const { checksum, ...body } = file;
  if (checksum === undefined) {
    fail(
      `the ${kind.what}'s checksum field is missing; rpf writes one into every ${kind.what} file, so this one was not written by rpf or was edited`,
    );
  }
  if (typeof checksum !== "string" || checksum !== checksumOf(body)) {
    fail(`the ${kind.what}'s checksum does not match its contents: the file was edited or corrupted`);
  }
  return file;
}

/** The spec fields that format version 2 added (docs/model-format.md): every version-2 file records them. */
export const HEAD_SPEC_FIELDS = ["head", "varianceFloor", "weightDecay"] as const;

/**
 * The spec of a model or checkpoint file of format `version`. Version 1 predates heads: its spec
 * has no Gaussian head (a missing `head` reads as "mse", the floor and decay as their defaults),
 * so one that names another head was edited. Version 2 records the head, the variance floor and
 * the weight decay explicitly, so a file missing one was edited too.
 */
export function decodeSpec(value: unknown, what: string, version: number): EnsembleSpec {
  const record = asRecord(value, "spec");
  if (version === 1 && record.head !== undefined && record.head !== "mse") {
    fail(
      `the ${what}'s spec names head ${showValue(record.head)}, but format version 1 has only the mse head (heads came with version 2): the file was edited`,
    );
  }
  if (version >= 2) {
    const missing = HEAD_SPEC_FIELDS.filter((key) => record[key] === undefined);
    if (missing.length > 0)
      fail(`the ${what}'s spec lacks ${missing.join(", ")}, which every format version ${version} file records`);
  }
  // cannot throw {InvalidArgumentError}: the catch turns every rpf error into a ModelFormatError
  try {
    return resolveEnsembleSpec(record as EnsembleSpecInput);
  } catch (error) {
    if (isRpfError(error)) fail(`the ${what}'s spec is invalid: ${clip(error.message, 300)}`, error);
    throw error;
  }
}

/**
 * Refuses a spec with an input transform in a file whose version predates it: files are written
 * with the oldest version that holds them, so such a file was edited.
 * @throws {ModelFormatError} naming both versions.
 */
export function assertInputTransformSince(spec: EnsembleSpec, what: string, version: number, since: number): void {
  if (spec.inputTransform === "none" || version >= since) return;
  fail(
    `the ${what}'s spec names inputTransform "${spec.inputTransform}", which came with format version ${since}, but the file says version ${version}: the file was edited`,
  );
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
      `${name} must be ${expected.dtype} of shape [${rows}, ${columns}] for this spec, got ${showValue(record.dtype)} ${showValue(shape)}`,
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
