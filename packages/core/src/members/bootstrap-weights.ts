import { InvalidArgumentError } from "../errors.js";
import { exponential, permutation, poisson, randomIntegers, uniform53 } from "../random/distributions.js";
import { foldIn } from "../random/key.js";
import type { EnsembleSpec } from "../spec/types.js";
import { memberKey } from "./keys.js";

/**
 * Per-member example weights [members, n] for a fit on n rows. Every kind has E[w_i] = 1, so the
 * loss scale does not depend on the kind. "resample" draws multinomial counts (resampling with
 * replacement: the weighted loss Σ w_i r_i² / n equals the plain MSE on the resampled set), which
 * depend on n as a whole. Every other kind gives row i the weight onlineBootstrapWeights gives it,
 * a pure function of (seed, member, i): the weights of n rows are the first n of the weights of
 * more rows, so a fit on a larger data set agrees with one that grew by Ensemble.update. For
 * "resample", `batchRows` < n draws the counts over the first batchRows rows only and gives the rest
 * their online weights: a data set that grew after its fit (Ensemble.update, a resumed run on
 * more rows). Other kinds ignore it.
 * @throws {InvalidArgumentError} when the spec's seed is not an integer in [0, 2^53 − 1], n is not a
 *   whole number (up to 2^32 for "resample"), or batchRows is not a whole number in [0, n].
 */
export function bootstrapWeights(spec: EnsembleSpec, n: number, batchRows = n): Float32Array {
  if (spec.bootstrap.kind !== "resample") return onlineBootstrapWeights(spec, 0, n);
  if (!(Number.isInteger(batchRows) && batchRows >= 0 && batchRows <= n)) {
    throw new InvalidArgumentError(`batchRows must be a whole number from 0 to ${n}, got ${batchRows}`, {
      field: "batchRows",
    });
  }
  const online = onlineBootstrapWeights(spec, batchRows, n - batchRows);
  const weights = new Float32Array(spec.members * n);
  for (let m = 0; m < spec.members; m++) {
    const row = weights.subarray(m * n, (m + 1) * n);
    if (batchRows > 0)
      for (const index of randomIntegers(memberKey(spec.seed, "bootstrap", m), batchRows, batchRows)) row[index]! += 1;
    row.set(online.subarray(m * (n - batchRows), (m + 1) * (n - batchRows)), batchRows);
  }
  return weights;
}

/**
 * Online bagging's weights (Oza & Russell 2001, "Online Bagging and Boosting") for the `count`
 * rows from row `firstRow` on, [members, count]: row i of member m draws from its own key,
 * foldIn(key(seed, "bootstrap", m), i), so its weight depends on (seed, m, i) alone and not on how
 * the rows arrived in chunks. "poisson" and "resample" draw Poisson(1) — the limit of multinomial
 * counts as n grows, which is what online bagging uses since a count summing to n cannot be drawn
 * row by row; "bernoulli" draws 1/p with probability p, else 0; "exponential" draws Exp(1);
 * "none" gives 1.
 * @throws {InvalidArgumentError} when the spec's seed is not an integer in [0, 2^53 − 1], or a row
 *   index is not a uint32.
 */
export function onlineBootstrapWeights(spec: EnsembleSpec, firstRow: number, count: number): Float32Array {
  const weights = new Float32Array(spec.members * count);
  const { bootstrap } = spec;
  if (bootstrap.kind === "none") return weights.fill(1);
  for (let m = 0; m < spec.members; m++) {
    const key = memberKey(spec.seed, "bootstrap", m);
    for (let i = 0; i < count; i++) {
      const rowKey = foldIn(key, firstRow + i);
      weights[m * count + i] =
        bootstrap.kind === "bernoulli"
          ? uniform53(rowKey, 1)[0]! < bootstrap.p
            ? 1 / bootstrap.p
            : 0
          : bootstrap.kind === "exponential"
            ? exponential(rowKey, 1)[0]!
            : poisson(rowKey, 1, 1)[0]!;
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
