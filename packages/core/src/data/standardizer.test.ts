import { describe, expect, it } from "vitest";
import { createDataset } from "./dataset.js";
import {
  fitStandardizer,
  identityStandardizer,
  scaleVarianceY,
  scaleY,
  standardizeX,
  standardizeY,
  unstandardizeY,
} from "./standardizer.js";

// Two input columns: [1, 2, 3, 4] and [10, 10, 10, 10] (constant); y = [2, 4, 6, 8].
const data = createDataset([1, 10, 2, 10, 3, 10, 4, 10], [2, 4, 6, 8], 2, 1);

describe("fitStandardizer", () => {
  it("'none' is the identity", () => {
    expect(fitStandardizer(data, "none", "none")).toEqual(identityStandardizer(2, 1));
  });

  it("'x' fits each input column with the population std and leaves y alone", () => {
    const s = fitStandardizer(data, "x", "none");
    expect(s.xMean).toEqual([2.5, 10]);
    expect(s.xScale[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(s.yMean).toEqual([0]);
    expect(s.yScale).toEqual([1]);
  });

  it("centres a constant column without scaling it", () => {
    const s = fitStandardizer(data, "x", "none");
    expect(s.xScale[1]).toBe(1);
    const x = standardizeX(s, data.x);
    for (let i = 1; i < x.length; i += 2) expect(x[i]).toBe(0);
  });

  it("'xy' gives standardised columns mean 0 and variance 1", () => {
    const s = fitStandardizer(data, "xy", "none");
    const x = standardizeX(s, data.x);
    const first = [x[0]!, x[2]!, x[4]!, x[6]!];
    expect(first.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(first.reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 6);
    const y = standardizeY(s, data.y);
    expect(Array.from(y).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(Array.from(y).reduce((a, b) => a + b * b, 0) / 4).toBeCloseTo(1, 6);
  });
});

describe("standardize / unstandardize", () => {
  it("round-trips y", () => {
    const s = fitStandardizer(data, "xy", "none");
    const back = unstandardizeY(s, standardizeY(s, data.y));
    back.forEach((v, i) => {
      expect(v).toBeCloseTo(data.y[i]!, 5);
    });
  });

  it("scaleY multiplies by the scale without adding the mean", () => {
    const s = fitStandardizer(data, "xy", "none");
    const spread = scaleY(s, new Float32Array([1, 0]));
    expect(spread[0]).toBeCloseTo(s.yScale[0]!, 6);
    expect(spread[1]).toBe(0);
  });

  it("scaleVarianceY takes variances to data units: times scale², per column", () => {
    const s = { xMean: [0], xScale: [1], yMean: [5, -1], yScale: [2, 0.5] };
    expect(Array.from(scaleVarianceY(s, new Float32Array([1, 1, 0.25, 8])))).toEqual([4, 0.25, 1, 2]);
    const identity = { ...s, yScale: [1, 1] };
    const values = new Float32Array([3, 4]);
    expect(scaleVarianceY(identity, values)).toBe(values);
  });

  it("does not modify its input", () => {
    const s = fitStandardizer(data, "xy", "none");
    const y = data.y.slice();
    standardizeY(s, y);
    expect(y).toEqual(data.y);
  });
});
