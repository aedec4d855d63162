import { describe, expect, it } from "vitest";
import type { BootstrapSpec } from "../spec/bootstrap.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { bootstrapWeights, onlineBootstrapWeights } from "./bootstrap-weights.js";

const KINDS: BootstrapSpec[] = [
  { kind: "resample" },
  { kind: "poisson" },
  { kind: "bernoulli", p: 0.3 },
  { kind: "exponential" },
  { kind: "none" },
];

function specOf(bootstrap: BootstrapSpec, members = 3, seed = 4) {
  return resolveEnsembleSpec({ members, bootstrap, seed });
}

/** Member m's weights of rows [0, n) from per-chunk calls. */
function chunked(bootstrap: BootstrapSpec, n: number, chunk: number): Float32Array {
  const spec = specOf(bootstrap);
  const out = new Float32Array(spec.members * n);
  for (let from = 0; from < n; from += chunk) {
    const count = Math.min(chunk, n - from);
    const part = onlineBootstrapWeights(spec, from, count);
    for (let m = 0; m < spec.members; m++) out.set(part.subarray(m * count, (m + 1) * count), m * n + from);
  }
  return out;
}

describe("onlineBootstrapWeights", () => {
  it.each(KINDS)("row i's weight depends on (seed, member, i) only, not on the chunks ($kind)", (bootstrap) => {
    const whole = onlineBootstrapWeights(specOf(bootstrap), 0, 100);
    expect(chunked(bootstrap, 100, 10)).toEqual(whole);
    expect(chunked(bootstrap, 100, 7)).toEqual(whole);
    // Member m's weights do not depend on the member count either.
    expect(onlineBootstrapWeights(specOf(bootstrap, 5), 0, 100).subarray(0, 300)).toEqual(whole);
  });

  it("draws Poisson(1) for resample and poisson, 0 or 1/p for bernoulli, Exp(1) for exponential: each with mean ≈ 1", () => {
    const n = 20_000;
    for (const bootstrap of KINDS) {
      const weights = onlineBootstrapWeights(specOf(bootstrap), 0, n);
      const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
      expect(Math.abs(mean - 1)).toBeLessThan(0.03);
    }
    const poisson = onlineBootstrapWeights(specOf({ kind: "resample" }), 0, n);
    expect(poisson.every((w) => Number.isInteger(w) && w >= 0)).toBe(true);
    // P(0) = 1/e for Poisson(1).
    const zeros = poisson.filter((w) => w === 0).length / poisson.length;
    expect(Math.abs(zeros - Math.exp(-1))).toBeLessThan(0.02);
    expect(onlineBootstrapWeights(specOf({ kind: "resample" }), 0, n)).toEqual(
      onlineBootstrapWeights(specOf({ kind: "poisson" }), 0, n),
    );
    const inverse = Math.fround(1 / 0.3);
    expect(
      onlineBootstrapWeights(specOf({ kind: "bernoulli", p: 0.3 }), 0, n).every((w) => w === 0 || w === inverse),
    ).toBe(true);
    expect(onlineBootstrapWeights(specOf({ kind: "none" }), 0, 5).every((w) => w === 1)).toBe(true);
  });

  it("is what bootstrapWeights gives every kind but resample, so a fit on more rows agrees with one that grew", () => {
    for (const bootstrap of KINDS.filter((b) => b.kind !== "resample")) {
      const spec = specOf(bootstrap);
      expect(bootstrapWeights(spec, 60)).toEqual(onlineBootstrapWeights(spec, 0, 60));
    }
  });

  it("resample: batchRows rows of multinomial counts over those rows, online weights after them", () => {
    const spec = specOf({ kind: "resample" });
    const grown = bootstrapWeights(spec, 50, 30);
    const batch = bootstrapWeights(spec, 30);
    const online = onlineBootstrapWeights(spec, 30, 20);
    for (let m = 0; m < 3; m++) {
      expect(grown.subarray(m * 50, m * 50 + 30)).toEqual(batch.subarray(m * 30, (m + 1) * 30));
      expect(grown.subarray(m * 50 + 30, (m + 1) * 50)).toEqual(online.subarray(m * 20, (m + 1) * 20));
    }
    expect(bootstrapWeights(spec, 20, 0)).toEqual(onlineBootstrapWeights(spec, 0, 20));
    expect(() => bootstrapWeights(spec, 20, 21)).toThrowError(
      expect.objectContaining({ name: "InvalidArgumentError" }),
    );
  });
});
