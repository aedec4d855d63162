import { DataError, type Dataset, datasetDigest, decodeDataset, encodeDataset } from "@rpf/core";
import type { Redis } from "ioredis";
import { dataKey, STORED_SECONDS } from "./names.js";

/**
 * Uploads a dataset once: under the sha256 of its bytes, skipped when that key is already there
 * (then only its expiry is renewed).
 * @returns the digest (the key's suffix), whether the bytes were sent, and their length.
 * @throws {InvalidArgumentError | DataError | ShapeError} for a dataset encodeDataset refuses
 *   (per-member targets, non-finite values, wrong lengths).
 */
export async function uploadDataset(
  redis: Redis,
  data: Dataset,
): Promise<{ readonly digest: string; readonly uploaded: boolean; readonly bytes: number }> {
  const bytes = encodeDataset(data);
  const digest = await datasetDigest(bytes);
  const key = dataKey(digest);
  if ((await redis.expire(key, STORED_SECONDS)) === 1) return { digest, uploaded: false, bytes: bytes.byteLength };
  await redis.set(key, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "EX", STORED_SECONDS);
  return { digest, uploaded: true, bytes: bytes.byteLength };
}

/**
 * The dataset stored under `digest`, checked against it.
 * @throws {DataError} when Redis holds no such key (it expired or Redis lost it) or its bytes do
 *   not hash to `digest`.
 * @throws {ShapeError} from decodeDataset, for bytes whose sizes do not fit together.
 */
export async function fetchDataset(redis: Redis, digest: string): Promise<Dataset> {
  const stored = await redis.getBuffer(dataKey(digest));
  if (stored === null) {
    throw new DataError(
      `the queue holds no dataset ${digest}: it expired or Redis restarted; the caller uploads it again`,
      {
        where: dataKey(digest),
      },
    );
  }
  const bytes = new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength);
  const actual = await datasetDigest(bytes);
  if (actual !== digest) {
    throw new DataError(`the dataset stored as ${digest} hashes to ${actual}: its bytes were changed`, {
      where: dataKey(digest),
    });
  }
  return decodeDataset(bytes);
}
