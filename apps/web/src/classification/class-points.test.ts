import { makeClassification2d } from "@rpf/core";
import { foldIn, keyFromSeed } from "@rpf/core/random";
import { describe, expect, it } from "vitest";
import { generateSample, pointArrays, testMask } from "./class-points.js";

const settings = { dataset: "xor", noise: 0.1, count: 200, trainFraction: 0.7, seed: 3 } as const;

describe("generateSample", () => {
  it("is core's data set (drawn from the seed's points key), with round(n · fraction) training points", () => {
    const points = generateSample(settings);
    const data = makeClassification2d("xor", { key: foldIn(keyFromSeed(3), 0), n: 200, noise: 0.1 });
    expect(points.map((p) => p.x1)).toEqual(Array.from({ length: 200 }, (_, i) => data.x[2 * i]));
    expect(points.map((p) => p.classIndex)).toEqual(Array.from(data.classIndex));
    expect(points.filter((p) => !p.test).length).toBe(140);
  });

  it("is the same for the same settings and differs with the seed", () => {
    expect(generateSample(settings)).toEqual(generateSample(settings));
    expect(generateSample({ ...settings, seed: 4 })).not.toEqual(generateSample(settings));
  });
});

describe("testMask", () => {
  it("holds out count − round(count · fraction) points, and a larger fraction only moves test points into training", () => {
    const half = testMask(101, 0.5, 0);
    const more = testMask(101, 0.8, 0);
    expect(half.filter(Boolean).length).toBe(101 - 51);
    expect(more.filter(Boolean).length).toBe(101 - 81);
    more.forEach((test, i) => {
      if (test) expect(half[i]).toBe(true);
    });
  });
});

describe("pointArrays", () => {
  it("lays points out as x [n, 2] and class indices [n]", () => {
    const arrays = pointArrays([
      { x1: 1, x2: 2, classIndex: 1, test: false },
      { x1: -3, x2: 4, classIndex: 0, test: true },
    ]);
    expect(Array.from(arrays.x)).toEqual([1, 2, -3, 4]);
    expect(Array.from(arrays.classIndex)).toEqual([1, 0]);
  });
});
