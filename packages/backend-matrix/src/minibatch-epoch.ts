import type { MemberStepper } from "./member-stepper.js";
import type { TrainingSet } from "./member-trainer.js";

/**
 * One minibatch epoch of one member: a step on each `batch` consecutive rows of `order` (the last
 * batch may be shorter). Returns the epoch's loss as the contract defines it: the example-weighted
 * mean of the step losses, Σ count·loss / n, which is what the full-batch loss measures. The wasm
 * kernel's trainMinibatch (assembly/trainer.ts) computes it in the same order of operations.
 */
export function trainMinibatchEpoch(
  member: MemberStepper,
  set: TrainingSet,
  weights: Float32Array,
  order: Uint32Array,
  batch: number,
): number {
  return trainMinibatches(member, set, weights, order, batch) / set.n;
}

/**
 * The steps of trainMinibatchEpoch, returning Σ count·loss undivided: a streamed chunk's share of
 * its epoch's loss (EnsembleHandle.trainChunk).
 */
export function trainMinibatches(
  member: MemberStepper,
  set: TrainingSet,
  weights: Float32Array,
  order: Uint32Array,
  batch: number,
): number {
  let total = 0;
  for (let from = 0; from < set.n; from += batch) {
    const count = Math.min(batch, set.n - from);
    total += count * member.step(set, weights, order, from, count);
  }
  return total;
}
