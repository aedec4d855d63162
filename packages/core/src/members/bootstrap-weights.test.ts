import { describe, expect, it } from "vitest";
import type { BootstrapSpec } from "../spec/bootstrap.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { bootstrapWeights, minibatchOrder } from "./bootstrap-weights.js";

function rows(weights: Float32Array, n: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let m = 0; m < weights.length / n; m++) out.push(weights.subarray(m * n, (m + 1) * n));
  return out;
}

function weightsFor(bootstrap: BootstrapSpec, members: number, n: number, seed = 0): Float32Array {
  return bootstrapWeights(resolveEnsembleSpec({ members, bootstrap, seed }), n);
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

describe("bootstrapWeights", () => {
  it("resample: each row holds non-negative integer counts summing to n", () => {
    const n = 100;
    const weights = weightsFor({ kind: "resample" }, 9, n);
    expect(weights.length).toBe(9 * n);
    for (const row of rows(weights, n)) {
      expect(row.every((w) => w >= 0 && Number.isInteger(w))).toBe(true);
      expect(row.reduce((a, b) => a + b, 0)).toBe(n);
      // About 1/e of the points are left out of a bootstrap sample.
      const left = row.filter((w) => w === 0).length / n;
      expect(left).toBeGreaterThan(0.2);
      expect(left).toBeLessThan(0.55);
    }
  });

  it("resample: members draw different samples", () => {
    const distinct = new Set(rows(weightsFor({ kind: "resample" }, 9, 100), 100).map((r) => r.join(",")));
    expect(distinct.size).toBe(9);
  });

  it("none: all ones", () => {
    const weights = weightsFor({ kind: "none" }, 3, 50);
    expect(weights.length).toBe(150);
    expect(weights.every((w) => w === 1)).toBe(true);
  });

  it("bernoulli: weights are 0 or 1/p with mean ≈ 1", () => {
    const p = 0.3;
    const weights = weightsFor({ kind: "bernoulli", p }, 4, 10_000);
    const inverse = Math.fround(1 / p);
    expect(weights.every((w) => w === 0 || w === inverse)).toBe(true);
    expect(Math.abs(mean(weights) - 1)).toBeLessThan(0.05);
  });

  it("bernoulli with p = 1 keeps every point with weight 1", () => {
    expect(weightsFor({ kind: "bernoulli", p: 1 }, 2, 20).every((w) => w === 1)).toBe(true);
  });

  it("poisson: non-negative integers with mean ≈ 1", () => {
    const weights = weightsFor({ kind: "poisson" }, 4, 10_000);
    expect(weights.every((w) => w >= 0 && Number.isInteger(w))).toBe(true);
    expect(Math.abs(mean(weights) - 1)).toBeLessThan(0.03);
  });

  it("exponential: positive with mean ≈ 1", () => {
    const weights = weightsFor({ kind: "exponential" }, 4, 10_000);
    expect(weights.every((w) => w >= 0)).toBe(true);
    expect(Math.abs(mean(weights) - 1)).toBeLessThan(0.03);
  });

  it("is deterministic per seed, changes with the seed, and member m's row does not depend on the member count", () => {
    const n = 40;
    const three = weightsFor({ kind: "resample" }, 3, n, 5);
    expect(weightsFor({ kind: "resample" }, 3, n, 5)).toEqual(three);
    expect(weightsFor({ kind: "resample" }, 3, n, 6)).not.toEqual(three);
    expect(weightsFor({ kind: "resample" }, 9, n, 5).subarray(0, 3 * n)).toEqual(three);
  });
});

describe("minibatchOrder", () => {
  const n = 64;
  const identity = Array.from({ length: n }, (_, i) => i);

  it("is a permutation of 0..n-1", () => {
    const order = Array.from(minibatchOrder(0, 0, 0, n));
    expect([...order].sort((a, b) => a - b)).toEqual(identity);
    expect(order).not.toEqual(identity);
  });

  it("differs by epoch and by member, and is deterministic", () => {
    const base = minibatchOrder(0, 0, 0, n);
    expect(minibatchOrder(0, 0, 0, n)).toEqual(base);
    expect(minibatchOrder(0, 0, 1, n)).not.toEqual(base);
    expect(minibatchOrder(0, 1, 0, n)).not.toEqual(base);
    expect(minibatchOrder(1, 0, 0, n)).not.toEqual(base);
  });
});
