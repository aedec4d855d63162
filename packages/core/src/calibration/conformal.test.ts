import { describe, expect, it } from "vitest";
import { summarizeMembers } from "../predict/summary.js";
import { normal, uniform53 } from "../random/distributions.js";
import { foldIn, keyFromSeed } from "../random/key.js";
import { conformalQuantile, conformalRank, fitConformalScores } from "./conformal.js";
import { calibratedInterval, fitCalibration } from "./interval.js";

function gaussian(mean: Float32Array, std: Float32Array) {
  return summarizeMembers(
    { members: mean, prior: new Float32Array(mean.length), trainable: mean, variance: std.map((s) => s * s) },
    1,
    1,
  );
}

describe("conformal rank", () => {
  it("is ⌈(n + 1)·level⌉", () => {
    expect(conformalRank(19, 0.95)).toBe(19);
    expect(conformalRank(20, 0.9)).toBe(19);
    expect(conformalRank(100, 0.5)).toBe(51);
    expect(conformalRank(99, 0.9)).toBe(90);
  });

  it("refuses a level the held-out rows cannot give, saying how many it needs", () => {
    expect(() => conformalRank(18, 0.95)).toThrow(/needs at least 19 held-out rows; the model was calibrated on 18/);
    expect(() => conformalRank(10, 1)).toThrow(/must be in \(0, 1\)/);
  });

  it("reads the k-th smallest score", () => {
    expect(conformalQuantile([0.1, 0.2, 0.3, 0.4], 0.5)).toBe(0.3);
  });

  it("sorts the normalised scores |y − μ|/σ", () => {
    const prediction = gaussian(Float32Array.from([0, 0, 0]), Float32Array.from([1, 2, 4]));
    expect(fitConformalScores(prediction, Float32Array.from([-3, 2, 2]))).toEqual([[0.5, 1, 3]]);
  });
});

/**
 * Exchangeable rows: x uniform, y = x + noise with std 0.5 + x, while the model claims a std half
 * as large (overconfident). The Gaussian interval then covers far less than its level; the
 * conformal one covers at least the level on average over splits.
 */
function draw(seed: number, n: number) {
  const key = foldIn(keyFromSeed(1234), seed);
  const x = uniform53(foldIn(key, 1), n);
  const noise = normal(foldIn(key, 2), n);
  const trueStd = Float32Array.from(x, (v) => 0.5 + v);
  const y = Float32Array.from(x, (v, i) => v + trueStd[i]! * noise[i]!);
  return {
    prediction: gaussian(
      Float32Array.from(x),
      trueStd.map((s) => s / 2),
    ),
    y,
  };
}

function coverage(lower: Float64Array, upper: Float64Array, y: Float32Array): number {
  let inside = 0;
  for (let i = 0; i < y.length; i++) if (y[i]! >= lower[i]! && y[i]! <= upper[i]!) inside += 1;
  return inside / y.length;
}

describe("split conformal coverage", () => {
  it.each([0.8, 0.9, 0.95])(
    "averages ≥ %s over 300 splits of 39 held-out rows, where the Gaussian interval does not",
    (level) => {
      const splits = 300;
      let conformal = 0;
      let plain = 0;
      for (let s = 0; s < splits; s++) {
        const held = draw(2 * s, 39);
        const test = draw(2 * s + 1, 200);
        const calibration = fitCalibration("conformal", held.prediction, held.y);
        const interval = calibratedInterval(calibration, test.prediction.mean, test.prediction.std, level);
        conformal += coverage(interval.lower, interval.upper, test.y) / splits;
        const gaussian = calibratedInterval(null, test.prediction.mean, test.prediction.std, level);
        plain += coverage(gaussian.lower, gaussian.upper, test.y) / splits;
      }
      // E[coverage] = ⌈40·level⌉/40 ≥ level exactly; the mean of 300 splits has a standard error near 0.003.
      expect(conformal).toBeGreaterThanOrEqual(level - 0.01);
      expect(conformal).toBeLessThan(level + 0.04);
      expect(plain).toBeLessThan(level - 0.15);
    },
  );
});
