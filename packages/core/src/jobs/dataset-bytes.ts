import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { type Dataset, validateDataset } from "../data/dataset.js";
import { DataError, InvalidArgumentError } from "../errors.js";

/** "RPFD": the first four bytes of every encoded dataset. */
const MAGIC = [0x52, 0x50, 0x46, 0x44] as const;
/** Bumped on any change to the layout below. */
const DATASET_BYTES_VERSION = 1;
/** Magic, version, n, inputSize, outputSize: five 4-byte words. */
const HEADER_BYTES = 20;

/**
 * The bytes that stand for a dataset, what a queue uploads once and every job downloads: "RPFD",
 * then uint32 little-endian version, n, inputSize, outputSize, then x [n, inputSize] and y
 * [n, outputSize] as little-endian float32. The same data always gives the same bytes, so
 * datasetDigest of them is its content address.
 * @throws {InvalidArgumentError} for a dataset with per-member targets (yByMember): jobs train
 *   from shared targets only.
 * @throws {DataError | ShapeError} for a dataset validateDataset refuses.
 */
export function encodeDataset(data: Dataset): Uint8Array {
  if (data.yByMember)
    throw new InvalidArgumentError("a dataset with per-member targets (yByMember) cannot be sent to jobs", {
      field: "yByMember",
    });
  validateDataset(data);
  const bytes = new Uint8Array(HEADER_BYTES + (data.x.length + data.y.length) * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  for (const [i, word] of [DATASET_BYTES_VERSION, data.n, data.inputSize, data.outputSize].entries())
    view.setUint32(4 + i * 4, word, true);
  let at = HEADER_BYTES;
  for (const values of [data.x, data.y])
    for (let i = 0; i < values.length; i++, at += 4) view.setFloat32(at, values[i]!, true);
  return bytes;
}

/**
 * The dataset encodeDataset wrote, checked: a whole, unedited encoding of the current version with
 * finite values.
 * @throws {DataError} for bytes that are not an encoded dataset (wrong magic or version, a length
 *   that does not match the header), or a non-finite value.
 */
export function decodeDataset(bytes: Uint8Array): Dataset {
  const corrupt = (what: string) =>
    new DataError(`these bytes are not an encoded rpf dataset: ${what}`, {
      field: "dataset",
      accepted: `"RPFD" version ${DATASET_BYTES_VERSION} as encodeDataset writes it`,
    });
  if (!(bytes instanceof Uint8Array) || bytes.length < HEADER_BYTES) throw corrupt("shorter than the header");
  if (MAGIC.some((byte, i) => bytes[i] !== byte)) throw corrupt('they do not begin with "RPFD"');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [version, n, inputSize, outputSize] = [0, 1, 2, 3].map((i) => view.getUint32(4 + i * 4, true)) as [
    number,
    number,
    number,
    number,
  ];
  if (version !== DATASET_BYTES_VERSION) throw corrupt(`version ${version}, expected ${DATASET_BYTES_VERSION}`);
  const expected = HEADER_BYTES + n * (inputSize + outputSize) * 4;
  if (bytes.length !== expected)
    throw corrupt(
      `${bytes.length} bytes, and the header's ${n} rows × (${inputSize} + ${outputSize}) columns need ${expected}`,
    );
  const read = (from: number, count: number) =>
    Float32Array.from({ length: count }, (_, i) => view.getFloat32(from + i * 4, true));
  const x = read(HEADER_BYTES, n * inputSize);
  const y = read(HEADER_BYTES + x.length * 4, n * outputSize);
  // cannot throw {ShapeError}: x and y have the lengths the header gives
  return validateDataset({ x, y, n, inputSize, outputSize });
}

/**
 * The sha256 of `bytes` in 64 lowercase hex digits: a dataset's content address (MemberJob.dataDigest).
 * It uses core's one sha256 (@noble/hashes, as checkpoints' data fingerprints do), which runs alike
 * in Node and browsers; a promise so that a caller may hash on another thread.
 */
export async function datasetDigest(bytes: Uint8Array): Promise<string> {
  return bytesToHex(sha256(bytes));
}
