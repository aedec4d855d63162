import { describe, expect, it } from "vitest";
import { createDataset } from "./dataset.js";
import { fitStandardizer, standardizeX } from "./standardizer.js";
import { fitYeoJohnsonLambda, YEO_JOHNSON_LAMBDA_RANGE, yeoJohnson } from "./yeo-johnson.js";

describe("yeoJohnson", () => {
  it("is the identity at λ = 1 on both sides of 0", () => {
    for (const x of [-7.5, -1, -0.25, 0, 0.5, 3, 1e6]) expect(yeoJohnson(x, 1)).toBeCloseTo(x, 9);
  });

  it("takes the log limits at λ = 0 (x ≥ 0) and λ = 2 (x < 0), and is continuous into them", () => {
    expect(yeoJohnson(4, 0)).toBe(Math.log1p(4));
    expect(yeoJohnson(-4, 2)).toBe(-Math.log1p(4));
    expect(yeoJohnson(4, 1e-9)).toBeCloseTo(Math.log1p(4), 8);
    expect(yeoJohnson(-4, 2 - 1e-9)).toBeCloseTo(-Math.log1p(4), 8);
  });

  it("matches the definition's closed forms away from the limits", () => {
    expect(yeoJohnson(3, 0.5)).toBeCloseTo((Math.sqrt(4) - 1) / 0.5, 12);
    expect(yeoJohnson(-3, 0.5)).toBeCloseTo(-((4 ** 1.5 - 1) / 1.5), 12);
  });

  it("is increasing in x for every λ in the searched range", () => {
    const xs = [-50, -3, -1, -0.1, 0, 0.1, 1, 3, 50];
    for (let lambda = YEO_JOHNSON_LAMBDA_RANGE.min; lambda <= YEO_JOHNSON_LAMBDA_RANGE.max; lambda += 0.5) {
      const ys = xs.map((x) => yeoJohnson(x, lambda));
      for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
    }
  });
});

describe("fitYeoJohnsonLambda", () => {
  // Expected λs from scipy 1.17.1's stats.yeojohnson_normmax (Brent's method on the same profile
  // log-likelihood) on these very arrays.
  it.each([
    [[0.5, 1.2, 3.3, 7.9, 12.1, 25.0, 60.2, -0.7, 2.2, 4.4], 0.023176028432381403],
    [[-9.5, -4.0, -2.5, -1.0, -0.5, 0.0, 0.3, 0.8, 1.0, 1.1], 1.9496697305589579],
    [[1, 2, 2, 3, 50, 51, 52, 52.5, 53, 53.5], 0.4326831876862742],
  ])("finds scipy's maximum-likelihood λ for %j", (values, expected) => {
    expect(fitYeoJohnsonLambda(Float64Array.from(values))).toBeCloseTo(expected, 4);
  });

  it("gives the identity (λ = 1) to a column with fewer than 3 distinct values", () => {
    expect(fitYeoJohnsonLambda(Float64Array.from([5, 5, 5, 5]))).toBe(1);
    expect(fitYeoJohnsonLambda(Float64Array.from([0, 1, 1, 0, 1]))).toBe(1);
  });

  it("stays in range and finite on a column near float32's limit", () => {
    const lambda = fitYeoJohnsonLambda(Float64Array.from([1, 2, 3, 1e30, 3e38]));
    expect(lambda).toBeGreaterThanOrEqual(YEO_JOHNSON_LAMBDA_RANGE.min);
    expect(lambda).toBeLessThanOrEqual(YEO_JOHNSON_LAMBDA_RANGE.max);
  });
});

describe("fitStandardizer with inputTransform yeo-johnson", () => {
  // Column 0 is right-skewed, column 1 binary; y is not transformed.
  const x = [0.1, 0, 0.4, 1, 1.1, 0, 2.9, 1, 7.5, 0, 20.3, 1, 55, 0, 0.9, 1];
  const data = createDataset(x, [1, 2, 3, 4, 5, 6, 7, 8], 2, 1);

  it("stores one λ per input column and standardises the transformed columns to mean 0, variance 1", () => {
    const s = fitStandardizer(data, "xy", "yeo-johnson");
    expect(s.xLambda).toHaveLength(2);
    expect(s.xLambda![0]).toBeLessThan(0.5);
    expect(s.xLambda![1]).toBe(1);
    const z = standardizeX(s, data.x);
    const column = Array.from({ length: 8 }, (_, i) => z[i * 2]!);
    const mean = column.reduce((a, b) => a + b, 0) / 8;
    expect(mean).toBeCloseTo(0, 6);
    expect(column.reduce((a, b) => a + (b - mean) ** 2, 0) / 8).toBeCloseTo(1, 5);
    expect(s.yMean).toEqual([4.5]);
  });

  it("fits no λ for inputTransform none", () => {
    expect(fitStandardizer(data, "xy", "none").xLambda).toBeUndefined();
  });

  it("transforms before standardising even when standardize is none", () => {
    const s = fitStandardizer(data, "none", "yeo-johnson");
    expect(s.xMean).toEqual([0, 0]);
    const z = standardizeX(s, Float32Array.from([7.5, 1]));
    expect(z[0]).toBeCloseTo(yeoJohnson(7.5, s.xLambda![0]!), 5);
    expect(z[1]).toBe(1);
  });

  it("refuses, naming row and column, an input the maps take beyond float32's range", () => {
    const s = { xMean: [0], xScale: [1e-30], yMean: [0], yScale: [1] };
    expect(() => standardizeX(s, Float32Array.from([1, 2e10]))).toThrow(/x row 1, column 0 \(20000000000\)/);
  });
});
