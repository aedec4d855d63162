import { permutation } from "../random/distributions.js";
import { foldIn } from "../random/key.js";
import { memberKey } from "./keys.js";

/**
 * The order in which member `member` visits the rows of chunk `chunk` of a streamed epoch
 * (EnsembleHandle.trainChunk): a permutation of 0…n − 1 drawn from key(seed, "minibatch", member)
 * folded with the epoch, then the chunk. It depends on (seed, member, epoch, chunk) alone, so a
 * stream trains the same whatever batches its file yields.
 * @throws {InvalidArgumentError} when seed is not an integer in [0, 2^53 − 1], or member, epoch or
 *   chunk is not a uint32.
 */
export function streamChunkOrder(seed: number, member: number, epoch: number, chunk: number, n: number): Uint32Array {
  return permutation(foldIn(foldIn(memberKey(seed, "minibatch", member), epoch), chunk), n);
}
