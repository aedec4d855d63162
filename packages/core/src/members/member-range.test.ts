import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import type { BootstrapSpec } from "../spec/bootstrap.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { bootstrapWeights, onlineBootstrapWeights } from "./bootstrap-weights.js";
import { checkMemberRange, initEnsembleParams, paramCounts } from "./params.js";

/*
 * A job draws the initial parameters and bootstrap weights of a group of members by their global
 * indices (docs/jobs.md): the group's values must be those members' rows of the whole ensemble's.
 */
const spec = resolveEnsembleSpec({
  members: 7,
  seed: 12,
  trainable: { hiddenSizes: [5] },
  prior: { hiddenSizes: [3] },
});
const range = { first: 3, count: 3 };

function rowsOf(values: Float32Array, width: number, first: number, count: number): Float32Array {
  return values.slice(first * width, (first + count) * width);
}

describe("a group of members by global index", () => {
  it("draws the initial parameters of members 3–5 as the whole ensemble does", () => {
    const whole = initEnsembleParams(spec);
    const group = initEnsembleParams(spec, range);
    const counts = paramCounts(spec);
    expect(group.trainable).toEqual(rowsOf(whole.trainable, counts.trainable, 3, 3));
    expect(group.prior).toEqual(rowsOf(whole.prior, counts.prior, 3, 3));
    // Not members 0–2's: the index, not the position in the group, picks the key.
    expect(group.trainable).not.toEqual(rowsOf(whole.trainable, counts.trainable, 0, 3));
  });

  it.each<BootstrapSpec>([
    { kind: "resample" },
    { kind: "poisson" },
    { kind: "bernoulli", p: 0.5 },
    { kind: "exponential" },
    { kind: "none" },
  ])("draws %o bootstrap weights of members 3–5 as the whole ensemble does", (bootstrap) => {
    const withKind = { ...spec, bootstrap };
    const n = 11;
    expect(bootstrapWeights(withKind, n, n, range)).toEqual(rowsOf(bootstrapWeights(withKind, n), n, 3, 3));
    // A data set that grew after its fit: counts over the first 8 rows, online weights after them.
    expect(bootstrapWeights(withKind, n, 8, range)).toEqual(rowsOf(bootstrapWeights(withKind, n, 8), n, 3, 3));
    expect(onlineBootstrapWeights(withKind, 4, 5, range)).toEqual(
      rowsOf(onlineBootstrapWeights(withKind, 4, 5), 5, 3, 3),
    );
  });

  it("refuses a group outside the ensemble, empty or fractional", () => {
    for (const bad of [
      { first: 5, count: 3 },
      { first: -1, count: 2 },
      { first: 0, count: 0 },
      { first: 1.5, count: 1 },
      { first: 0, count: Number.NaN },
    ]) {
      expect(() => checkMemberRange(spec, bad)).toThrow(InvalidArgumentError);
      expect(() => initEnsembleParams(spec, bad)).toThrow(/member group must be whole numbers/);
      expect(() => bootstrapWeights(spec, 4, 4, bad)).toThrow(InvalidArgumentError);
    }
    expect(() => checkMemberRange(spec, { first: 0, count: 7 })).not.toThrow();
  });
});
