import type { EnsembleSpec } from "../nn/ensemble-spec.js";
import { exponential, permutation, poisson, randomIntegers, uniform53 } from "../random/distributions.js";
import { foldIn } from "../random/key.js";
import { memberKey } from "./keys.js";

/**
 * Per-member example weights [members, n]. The weighted loss Σ w_i r_i² / n equals the plain MSE
 * on a resampled set for multinomial counts; every kind has E[w_i] = 1 so the loss scale does not
 * depend on the kind.
 * @throws {InvalidArgumentError} when the spec's seed is not an integer in [0, 2^53 − 1], or n is not a
 *   whole number (from 1 to 2^32 for "resample").
 */
export function bootstrapWeights(spec: EnsembleSpec, n: number): Float32Array {
  const weights = new Float32Array(spec.members * n);
  for (let m = 0; m < spec.members; m++) {
    const key = memberKey(spec.seed, "bootstrap", m);
    const row = weights.subarray(m * n, (m + 1) * n);
    switch (spec.bootstrap.kind) {
      case "none":
        row.fill(1);
        break;
      case "resample":
        for (const index of randomIntegers(key, n, n)) row[index]! += 1;
        break;
      case "bernoulli": {
        const p = spec.bootstrap.p;
        const u = uniform53(key, n);
        for (let i = 0; i < n; i++) row[i] = u[i]! < p ? 1 / p : 0;
        break;
      }
      case "poisson":
        row.set(poisson(key, n, 1));
        break;
      case "exponential":
        row.set(exponential(key, n));
        break;
    }
  }
  return weights;
}

/**
 * The order in which a member visits the examples in a given epoch, for minibatch training.
 * A permutation of 0..n−1 drawn from key(seed, "minibatch", member) folded with the epoch.
 * @throws {InvalidArgumentError} when seed is not an integer in [0, 2^53 − 1], or member or epoch is not a uint32.
 */
export function minibatchOrder(seed: number, member: number, epoch: number, n: number): Uint32Array {
  return permutation(foldIn(memberKey(seed, "minibatch", member), epoch), n);
}
