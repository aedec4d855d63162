import { describe, expect, it } from "vitest";
import { gaussianNll } from "../predict/metrics.js";
import { summarizeMembers } from "../predict/summary.js";
import { applyStdScaling, fitStdScaling } from "./std-scaling.js";

/** A one-member Gaussian prediction with the given means and stds. */
function gaussian(mean: number[], std: number[]) {
  const members = Float32Array.from(mean);
  return summarizeMembers(
    {
      members,
      prior: new Float32Array(mean.length),
      trainable: members,
      variance: Float32Array.from(std, (s) => s * s),
    },
    1,
    1,
  );
}

describe("std-scaling", () => {
  const prediction = gaussian([0, 1, 2, 3], [1, 2, 0.5, 1]);
  const y = Float32Array.from([2, -1, 2.5, 3.5]);

  it("fits s² = mean(r²/σ²), the closed-form minimiser of the held-out Gaussian NLL", () => {
    // r/σ = 2, -1, 1, 0.5 → mean of squares (4 + 1 + 1 + 0.25)/4 = 1.5625 → s = 1.25.
    const [s] = fitStdScaling(prediction, y);
    expect(s).toBeCloseTo(1.25, 6);
    const nllAt = (factor: number) => gaussianNll(applyStdScaling(prediction, [factor]), y);
    expect(nllAt(s!)).toBeLessThan(nllAt(s! * 1.01));
    expect(nllAt(s!)).toBeLessThan(nllAt(s! * 0.99));
  });

  it("scales std and both its parts by s and member variances by s², leaving means alone", () => {
    const two = summarizeMembers(
      {
        members: Float32Array.from([0, 2]),
        prior: new Float32Array(2),
        trainable: Float32Array.from([0, 2]),
        variance: Float32Array.from([1, 1]),
      },
      2,
      1,
    );
    const scaled = applyStdScaling(two, [2]);
    expect(Array.from(scaled.mean)).toEqual([1]);
    expect(Array.from(scaled.epistemicStd)).toEqual([2]);
    expect(Array.from(scaled.aleatoricStd)).toEqual([2]);
    expect(scaled.std[0]).toBeCloseTo(2 * Math.SQRT2, 6);
    expect(Array.from(scaled.variance!)).toEqual([4, 4]);
  });

  it("refuses fewer than 2 held-out rows and mismatched targets", () => {
    expect(() => fitStdScaling(gaussian([0], [1]), Float32Array.from([1]))).toThrow(/at least 2 held-out rows, got 1/);
    expect(() => fitStdScaling(prediction, Float32Array.from([1]))).toThrow(/1 values; the prediction has 4/);
  });
});
