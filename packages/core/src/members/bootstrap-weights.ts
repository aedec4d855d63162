import type { EnsembleSpec } from "../ensemble/spec.js";
import { exponential, permutation, poisson, randomIntegers, uniform53 } from "../random/distributions.js";
import { foldIn } from "../random/key.js";
import { memberKey } from "./keys.js";

/**
 * Per-member example weights [members, n]. The weighted loss Σ w_i r_i² / n equals the plain MSE
 * on a resampled set for multinomial counts; every kind has E[w_i] = 1 so the loss scale does not
 * depend on the kind.
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

/** The order in which a member visits the examples in a given epoch, for minibatch training. */
export function minibatchOrder(seed: number, member: number, epoch: number, n: number): Uint32Array {
  return permutation(foldIn(memberKey(seed, "minibatch", member), epoch), n);
}
