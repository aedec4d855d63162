import { assertOneHot } from "../data/one-hot.js";
import { type Standardizer, standardizeX, standardizeY } from "../data/standardizer.js";
import type { StreamChunk } from "../data/stream-chunks.js";
import type { HeadName } from "../spec/names.js";

/**
 * A pass's chunks in the model's units (standardizeX, standardizeY), each checked first: with head
 * "categorical" its targets must be one-hot.
 * @throws {DataError} for a "categorical" target that is not one-hot; and whatever the pass throws.
 */
export async function* scaledStreamPass(
  chunks: AsyncIterable<StreamChunk>,
  standardizer: Standardizer,
  head: HeadName,
): AsyncGenerator<StreamChunk> {
  for await (const chunk of chunks) {
    const { data } = chunk;
    if (head === "categorical") assertOneHot(data.y, data.outputSize);
    yield { ...chunk, data: { ...data, x: standardizeX(standardizer, data.x), y: standardizeY(standardizer, data.y) } };
  }
}
