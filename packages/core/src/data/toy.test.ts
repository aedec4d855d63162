import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { heteroscedasticNoiseStd, MAX_TOY_POINTS, makeHeteroscedasticToyData, makeToyData } from "./toy.js";

describe("makeToyData", () => {
  it("defaults to the notebook's 100 points with x in [0, 0.5)", () => {
    const data = makeToyData();
    expect(data.n).toBe(100);
    expect(data.inputSize).toBe(1);
    expect(data.outputSize).toBe(1);
    expect(data.x.length).toBe(100);
    expect(data.y.length).toBe(100);
    expect(data.x.every((v) => v >= 0 && v < 0.5)).toBe(true);
    // The points spread over the interval rather than bunching at one end.
    expect(Math.min(...data.x)).toBeLessThan(0.05);
    expect(Math.max(...data.x)).toBeGreaterThan(0.45);
  });

  it("gives y close to the noiseless curve, within a few noise standard deviations", () => {
    const data = makeToyData();
    let maxDeviation = 0;
    data.x.forEach((x, i) => {
      const clean = x + 0.3 * Math.sin(2 * Math.PI * x) + 0.3 * Math.sin(4 * Math.PI * x);
      maxDeviation = Math.max(maxDeviation, Math.abs(data.y[i]! - clean));
    });
    // The deviation's sd is about 0.063 (see the spread test below): 100 points stay within 5 sd.
    expect(maxDeviation).toBeLessThan(0.3);
    expect(maxDeviation).toBeGreaterThan(0);
    // y = x + 0.3 sin + 0.3 sin lies within [x - 0.6, x + 0.6] up to the additive noise.
    expect(data.y.every((y) => y > -0.7 && y < 1.2)).toBe(true);
  });

  it("with no noise, y is exactly the curve", () => {
    const data = makeToyData({ noiseStd: 0, n: 20 });
    data.x.forEach((x, i) => {
      const clean = x + 0.3 * Math.sin(2 * Math.PI * x) + 0.3 * Math.sin(4 * Math.PI * x);
      expect(data.y[i]).toBeCloseTo(clean, 6);
    });
  });

  it("noise: three independent N(0, σ²) terms give the predicted spread around the curve", () => {
    const noisy = makeToyData({ n: 20_000, noiseStd: 0.02 });
    let squares = 0;
    noisy.x.forEach((x, i) => {
      const clean = x + 0.3 * Math.sin(2 * Math.PI * x) + 0.3 * Math.sin(4 * Math.PI * x);
      squares += (noisy.y[i]! - clean) ** 2;
    });
    const rms = Math.sqrt(squares / noisy.n);
    // To first order the deviation is 0.6π cos(2πx) ε1 + 1.2π cos(4πx) ε2 + ε3; over x ~ U(0, 0.5)
    // each cos² averages 1/2, so the variance is σ² (1 + (0.6π)²/2 + (1.2π)²/2) if the ε are independent.
    const expected = 0.02 * Math.sqrt(1 + (0.6 * Math.PI) ** 2 / 2 + (1.2 * Math.PI) ** 2 / 2);
    expect(Math.abs(rms / expected - 1)).toBeLessThan(0.03);
  });

  it("is deterministic for a seed and changes with the seed", () => {
    expect(makeToyData({ seed: 3 })).toEqual(makeToyData({ seed: 3 }));
    expect(makeToyData({ seed: 4 }).x).not.toEqual(makeToyData({ seed: 3 }).x);
  });

  it("honours n", () => {
    expect(makeToyData({ n: 7 }).x.length).toBe(7);
  });

  it.each([0, 1.5, -3, MAX_TOY_POINTS + 1, 1e12, Number.NaN])("refuses n = %s before allocating", (n) => {
    expect(() => makeToyData({ n })).toThrow(InvalidArgumentError);
    expect(() => makeToyData({ n })).toThrow(/integer number of points from 1 to 10000000/);
  });
});

describe("makeHeteroscedasticToyData", () => {
  const data = makeHeteroscedasticToyData({ seed: 4, n: 20_000 });

  it("draws x ~ U(0, 1) and is reproducible from the seed", () => {
    expect(data.x.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(makeHeteroscedasticToyData({ seed: 4, n: 20_000 }).y).toEqual(data.y);
    expect(makeHeteroscedasticToyData({ seed: 5, n: 20_000 }).y).not.toEqual(data.y);
    expect(() => makeHeteroscedasticToyData({ n: 0 })).toThrow(InvalidArgumentError);
  });

  it("has noise std 0.05 + 0.2·x around sin(3x): measured in bins within 5%", () => {
    expect(heteroscedasticNoiseStd(0)).toBe(0.05);
    expect(heteroscedasticNoiseStd(1)).toBeCloseTo(0.25, 12);
    for (const [lo, hi] of [
      [0, 0.1],
      [0.45, 0.55],
      [0.9, 1],
    ] as const) {
      const residuals: number[] = [];
      data.x.forEach((x, i) => {
        if (x >= lo && x < hi) residuals.push((data.y[i]! - Math.sin(3 * x)) / heteroscedasticNoiseStd(x));
      });
      const std = Math.sqrt(residuals.reduce((a, r) => a + r * r, 0) / residuals.length);
      expect(Math.abs(std - 1)).toBeLessThan(0.05);
    }
  });
});
