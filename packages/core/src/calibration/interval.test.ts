import { describe, expect, it } from "vitest";
import { calibratedInterval } from "./interval.js";

describe("calibratedInterval", () => {
  const mean = Float32Array.from([1, 2]);
  const std = Float32Array.from([1, 0.5]);

  it("is the Gaussian central interval without conformal calibration", () => {
    const { lower, upper } = calibratedInterval(null, mean, std, 0.95);
    expect(upper[0]! - 1).toBeCloseTo(1.959964, 5);
    expect(lower[1]!).toBeCloseTo(2 - 0.5 * 1.959964, 5);
    const scaled = calibratedInterval({ kind: "std-scaling", count: 5, factors: [3] }, mean, std, 0.95);
    // std-scaling acts on the std Ensemble.predict reports, not a second time here.
    expect(Array.from(scaled.upper)).toEqual(Array.from(upper));
  });

  it("uses the conformal quantile of the stored scores for any level", () => {
    const calibration = { kind: "conformal" as const, count: 4, scores: [[0.5, 1, 2, 3]] };
    expect(Array.from(calibratedInterval(calibration, mean, std, 0.5).upper)).toEqual([3, 3]);
    // k = ⌈5·0.5⌉ = 3 → q = 2; k = ⌈5·0.8⌉ = 4 → q = 3.
    expect(Array.from(calibratedInterval(calibration, mean, std, 0.8).lower)).toEqual([-2, 0.5]);
    expect(() => calibratedInterval(calibration, mean, std, 0.9)).toThrow(/needs at least 9 held-out rows/);
  });

  it("refuses a level outside (0, 1) and mismatched lengths", () => {
    expect(() => calibratedInterval(null, mean, std, 0)).toThrow(/level must be in \(0, 1\), got 0/);
    expect(() => calibratedInterval(null, mean, Float32Array.from([1]), 0.9)).toThrow(/mean has 2 values and std 1/);
  });
});
