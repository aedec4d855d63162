import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { keyFromSeed } from "../random/key.js";
import {
  CLASSIFICATION_2D_EXTENT,
  CLASSIFICATION_2D_NAMES,
  type Classification2dData,
  makeCircleData,
  makeClassification2d,
  makeClustersData,
  makeXorData,
} from "./toy-2d.js";

function point(data: Classification2dData, i: number): [number, number] {
  return [data.x[2 * i]!, data.x[2 * i + 1]!];
}

describe.each(CLASSIFICATION_2D_NAMES)("makeClassification2d(%s)", (name) => {
  it("returns x [n, 2], classIndex [n] and two classes, balanced to one point", () => {
    for (const n of [2, 7, 200]) {
      const data = makeClassification2d(name, { n, noise: 0.2, seed: 1 });
      expect(data.n).toBe(n);
      expect(data.x).toBeInstanceOf(Float32Array);
      expect(data.x.length).toBe(2 * n);
      expect(data.classIndex).toBeInstanceOf(Int32Array);
      expect(data.classIndex.length).toBe(n);
      expect(data.classCount).toBe(2);
      const ones = data.classIndex.reduce((sum, k) => sum + k, 0);
      expect(data.classIndex.every((k) => k === 0 || k === 1)).toBe(true);
      expect(Math.abs(n - 2 * ones)).toBeLessThanOrEqual(1);
      expect(data.x.every(Number.isFinite)).toBe(true);
    }
  });

  it("is deterministic for a seed, equal to the same key, and changes with the seed", () => {
    const a = makeClassification2d(name, { seed: 3, n: 50, noise: 0.1 });
    expect(makeClassification2d(name, { seed: 3, n: 50, noise: 0.1 })).toEqual(a);
    expect(makeClassification2d(name, { key: keyFromSeed(3), n: 50, noise: 0.1 })).toEqual(a);
    expect(makeClassification2d(name, { seed: 4, n: 50, noise: 0.1 }).x).not.toEqual(a.x);
  });

  it("keeps noiseless points inside the documented square", () => {
    const data = makeClassification2d(name, { seed: 2, n: 2000 });
    expect(data.x.every((v) => Math.abs(v) <= CLASSIFICATION_2D_EXTENT)).toBe(true);
  });

  it("moves points when noise rises, keeping the classes", () => {
    const clean = makeClassification2d(name, { seed: 5, n: 100, noise: 0 });
    const noisy = makeClassification2d(name, { seed: 5, n: 100, noise: 0.5 });
    expect(noisy.classIndex).toEqual(clean.classIndex);
    expect(noisy.x).not.toEqual(clean.x);
  });

  it.each([
    [{ n: 1 }, /integer number of points from 2/],
    [{ n: 2.5 }, /integer number of points from 2/],
    [{ n: Number.NaN }, /integer number of points from 2/],
    [{ noise: -0.1 }, /noise level .* from 0 to 0.5, got -0.1/],
    [{ noise: 0.6 }, /noise level .* from 0 to 0.5, got 0.6/],
    [{ noise: Number.NaN }, /noise level .* got NaN/],
  ])("refuses %o with a typed error", (options, message) => {
    expect(() => makeClassification2d(name, options)).toThrow(InvalidArgumentError);
    expect(() => makeClassification2d(name, options)).toThrow(message);
  });
});

describe("noise 0 keeps each set separable by its defining rule", () => {
  const n = 2000;
  it.each([0, 1, 2])("seed %i", (seed) => {
    const circle = makeCircleData({ seed, n });
    const xor = makeXorData({ seed, n });
    const clusters = makeClustersData({ seed, n });
    for (let i = 0; i < n; i++) {
      const [a, b] = point(circle, i);
      const r = Math.hypot(a, b);
      if (circle.classIndex[i] === 0) expect(r).toBeLessThanOrEqual(2.5 + 1e-5);
      else expect(r).toBeGreaterThanOrEqual(3.5 - 1e-5);
      const [p, q] = point(xor, i);
      expect(p * q > 0 ? 0 : 1).toBe(xor.classIndex[i]);
      expect(Math.min(Math.abs(p), Math.abs(q))).toBeGreaterThanOrEqual(0.3 - 1e-6);
      const [u, v] = point(clusters, i);
      expect(u + v > 0 ? 0 : 1).toBe(clusters.classIndex[i]);
    }
  });

  it("spiral: every point lies on its own arm (radius 5t at angle 3.5πt, class 1 turned by π)", () => {
    const spiral = makeClassification2d("spiral", { seed: 0, n });
    for (let i = 0; i < n; i++) {
      const [a, b] = point(spiral, i);
      const t = Math.hypot(a, b) / 5;
      const angle = 3.5 * Math.PI * t + (spiral.classIndex[i] === 0 ? 0 : Math.PI);
      expect(a).toBeCloseTo(5 * t * Math.cos(angle), 4);
      expect(b).toBeCloseTo(5 * t * Math.sin(angle), 4);
    }
  });

  it("with noise 0.5 the classes overlap: the defining rule misclassifies some points", () => {
    const noisy = makeCircleData({ seed: 0, n, noise: 0.5 });
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(...point(noisy, i));
      if ((r < 3 ? 0 : 1) !== noisy.classIndex[i]) wrong++;
    }
    expect(wrong).toBeGreaterThan(n / 20);
  });
});

describe("clusters' noise", () => {
  it("sets each coordinate's standard deviation to 0.5 + 3·noise", () => {
    for (const noise of [0, 0.25, 0.5]) {
      const data = makeClustersData({ seed: 9, n: 20_000, noise });
      let squares = 0;
      for (let i = 0; i < data.n; i++) {
        const centre = data.classIndex[i] === 0 ? 2 : -2;
        squares += (data.x[2 * i]! - centre) ** 2 + (data.x[2 * i + 1]! - centre) ** 2;
      }
      expect(Math.sqrt(squares / (2 * data.n)) / (0.5 + 3 * noise)).toBeCloseTo(1, 1);
    }
  });
});

describe("makeClassification2d", () => {
  it("refuses an unknown name, listing the accepted ones", () => {
    expect(() => makeClassification2d("moons")).toThrow(InvalidArgumentError);
    expect(() => makeClassification2d("moons")).toThrow(/"moons".*circle, xor, clusters, spiral/);
  });
});
