import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import {
  exponential,
  normal,
  permutation,
  poisson,
  randomIntegers,
  truncatedNormal,
  uniform,
  uniform53,
} from "./distributions.js";
import { foldIn, keyFromSeed } from "./key.js";

function moments(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: squares / values.length };
}

function range(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  return { min, max };
}

const DRAWS = 100_000;
const key = keyFromSeed(2024);

describe("uniform", () => {
  it("matches jax.random.uniform(PRNGKey(0), (3,))", () => {
    const u = uniform(keyFromSeed(0), 3);
    const expected = [0.9653214, 0.31468165, 0.63302994];
    u.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i]!, 6);
    });
  });

  it("has mean 1/2 and variance 1/12 on [0, 1)", () => {
    const u = uniform(key, DRAWS);
    const { mean, variance } = moments(u);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
    expect(range(u).min).toBeGreaterThanOrEqual(0);
    expect(range(u).max).toBeLessThan(1);
  });

  it("scales to [minval, maxval)", () => {
    const u = uniform(key, DRAWS, -3, 5);
    const { mean, variance } = moments(u);
    expect(mean).toBeCloseTo(1, 1);
    expect(variance / (64 / 12)).toBeGreaterThan(0.98);
    expect(variance / (64 / 12)).toBeLessThan(1.02);
    expect(range(u).min).toBeGreaterThanOrEqual(-3);
    expect(range(u).max).toBeLessThan(5);
  });

  it("is deterministic per key and differs between keys", () => {
    expect(uniform(key, 10)).toEqual(uniform(key, 10));
    expect(uniform(foldIn(key, 1), 10)).not.toEqual(uniform(key, 10));
  });

  it.each([-1, 1.5, Number.NaN])("rejects count %s", (count) => {
    expect(() => uniform(key, count)).toThrow(InvalidArgumentError);
  });

  it("returns an empty array for count 0", () => {
    expect(uniform(key, 0).length).toBe(0);
  });
});

describe("normal", () => {
  it("matches jax.random.normal(PRNGKey(0), (3,)) within 1e-6", () => {
    const z = normal(keyFromSeed(0), 3);
    const expected = [1.8160863, -0.48262316, 0.33988908];
    z.forEach((value, i) => {
      expect(Math.abs(value - expected[i]!)).toBeLessThan(1e-6);
    });
  });

  it("has mean 0 and variance 1 over 1e5 draws", () => {
    const { mean, variance } = moments(normal(key, DRAWS));
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
  });

  it("puts about 95.45% of draws within ±2, all of them finite", () => {
    const z = normal(key, DRAWS);
    let inside = 0;
    for (const value of z) if (Math.abs(value) < 2) inside += 1;
    expect(inside / DRAWS).toBeCloseTo(0.9545, 2);
    const { min, max } = range(z);
    expect(Number.isFinite(min) && Number.isFinite(max)).toBe(true);
  });
});

describe("truncatedNormal", () => {
  it("never reaches ±2 and has the truncated normal's variance", () => {
    const z = truncatedNormal(key, DRAWS);
    let extreme = 0;
    for (const value of z) extreme = Math.max(extreme, Math.abs(value));
    expect(extreme).toBeLessThan(2);
    expect(extreme).toBeGreaterThan(1.9);
    const { mean, variance } = moments(z);
    expect(Math.abs(mean)).toBeLessThan(0.01);
    // Var of N(0, 1) truncated to [-2, 2] is 0.87962566103423978².
    expect(variance / 0.87962566103423978 ** 2).toBeGreaterThan(0.98);
    expect(variance / 0.87962566103423978 ** 2).toBeLessThan(1.02);
  });

  it("respects asymmetric bounds strictly", () => {
    const { min, max } = range(truncatedNormal(key, 20_000, -0.5, 1.25));
    expect(min).toBeGreaterThan(-0.5);
    expect(min).toBeLessThan(-0.49);
    expect(max).toBeLessThan(1.25);
    expect(max).toBeGreaterThan(1.24);
  });

  it("rejects lower >= upper", () => {
    expect(() => truncatedNormal(key, 3, 1, 1)).toThrow(InvalidArgumentError);
    expect(() => truncatedNormal(key, 3, 2, -2)).toThrow(/lower < upper/);
  });
});

describe("uniform53", () => {
  it("is in [0, 1) with mean 1/2 and variance 1/12, using more than 23 bits", () => {
    const u = uniform53(key, DRAWS);
    const { mean, variance } = moments(u);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
    expect(range(u).min).toBeGreaterThanOrEqual(0);
    expect(range(u).max).toBeLessThan(1);
    let fine = 0;
    for (const value of u) if (Math.fround(value) !== value) fine += 1;
    expect(fine).toBeGreaterThan(DRAWS * 0.99);
  });
});

describe("randomIntegers", () => {
  it("stays in [0, max) and hits every value about equally often", () => {
    const max = 10;
    const draws = randomIntegers(key, DRAWS, max);
    const counts = new Array<number>(max).fill(0);
    for (const value of draws) counts[value]! += 1;
    expect(counts.reduce((a, b) => a + b, 0)).toBe(DRAWS);
    // Each count is Binomial(1e5, 0.1): sd ≈ 95, so ±600 is over 6 sd.
    for (const count of counts) expect(Math.abs(count - DRAWS / max)).toBeLessThan(600);
  });

  it("accepts max 1 (always 0) and 2^32", () => {
    expect(Array.from(randomIntegers(key, 5, 1))).toEqual([0, 0, 0, 0, 0]);
    expect(randomIntegers(key, 5, 2 ** 32).length).toBe(5);
  });

  it.each([0, -1, 2.5, 2 ** 32 + 1, Number.NaN])("rejects maxExclusive %s", (max) => {
    expect(() => randomIntegers(key, 3, max)).toThrow(InvalidArgumentError);
  });
});

describe("poisson", () => {
  it("has mean ≈ rate and variance ≈ rate for rate 1", () => {
    const { mean, variance } = moments(poisson(key, DRAWS, 1));
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it("matches P(0) = e^-rate for rate 3", () => {
    const draws = poisson(key, DRAWS, 3);
    let zeros = 0;
    for (const value of draws) if (value === 0) zeros += 1;
    expect(zeros / DRAWS).toBeCloseTo(Math.exp(-3), 2);
    expect(moments(draws).mean).toBeCloseTo(3, 1);
  });

  it.each([0, -1, 65, Number.NaN])("rejects rate %s", (rate) => {
    expect(() => poisson(key, 3, rate)).toThrow(InvalidArgumentError);
  });
});

describe("exponential", () => {
  it("is positive with mean 1 and variance 1", () => {
    const draws = exponential(key, DRAWS);
    expect(range(draws).min).toBeGreaterThanOrEqual(0);
    const { mean, variance } = moments(draws);
    expect(Math.abs(mean - 1)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe("permutation", () => {
  it("is a permutation of 0..n-1", () => {
    const order = permutation(key, 1000);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(order)).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("handles n = 0 and n = 1", () => {
    expect(permutation(key, 0).length).toBe(0);
    expect(Array.from(permutation(key, 1))).toEqual([0]);
  });

  it("puts each element in each position about equally often", () => {
    const n = 4;
    const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const trials = 8000;
    for (let t = 0; t < trials; t++) {
      permutation(foldIn(key, t), n).forEach((value, position) => {
        counts[value]![position]! += 1;
      });
    }
    // Each cell is Binomial(8000, 1/4): sd ≈ 39.
    for (const row of counts) for (const count of row) expect(Math.abs(count - trials / n)).toBeLessThan(200);
  });
});

describe("streams from foldIn", () => {
  it("differ for different data and are uncorrelated", () => {
    const a = uniform(foldIn(key, 1), DRAWS);
    const b = uniform(foldIn(key, 2), DRAWS);
    expect(a).not.toEqual(b);
    let same = 0;
    let cross = 0;
    for (let i = 0; i < DRAWS; i++) {
      if (a[i] === b[i]) same += 1;
      cross += (a[i]! - 0.5) * (b[i]! - 0.5);
    }
    expect(same).toBeLessThan(10);
    expect(Math.abs(cross / DRAWS / (1 / 12))).toBeLessThan(0.02);
  });
});
