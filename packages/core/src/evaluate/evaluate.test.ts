import erf from "@stdlib/math-base-special-erf";
import { describe, expect, it } from "vitest";
import { DataError, InvalidArgumentError, NonFiniteOutputError, ShapeError } from "../errors.js";
import { finiteJson } from "../predict/finite.js";
import { type Prediction, summarizeMembers } from "../predict/summary.js";
import { normal } from "../random/distributions.js";
import { keyFromSeed, splitKey } from "../random/key.js";
import { CALIBRATION_LEVELS, evaluate, pitHistogram } from "./evaluate.js";

/**
 * A Gaussian-head prediction of one output from two members whose means are mean ∓ e and whose
 * variances are a² each: epistemic std e, aleatoric std a, total √(a² + e²).
 */
function gaussianHead(mean: number[], aleatoric: number[], epistemic: number[]): Prediction {
  const means = Float32Array.from([...mean.map((m, i) => m - epistemic[i]!), ...mean.map((m, i) => m + epistemic[i]!)]);
  const variance = Float32Array.from([...aleatoric, ...aleatoric].map((a) => a * a));
  return summarizeMembers({ members: means, prior: means, trainable: means, variance }, 2, 1);
}

/** An "mse"-head prediction: point members, no variance. */
function mseHead(values: number[], memberCount: number, outputSize = 1): Prediction {
  const members = Float32Array.from(values);
  return summarizeMembers({ members, prior: members, trainable: members }, memberCount, outputSize);
}

const y = (...values: number[]) => Float32Array.from(values);

describe("evaluate: a 3-point case computed by hand", () => {
  // Means 1, 2, 3; total stds 1, 2, 0.5 (aleatoric 0.8, 1.6, 0.4 and epistemic 0.6, 1.2, 0.3);
  // targets 1, 4, 2.5, so z = 0, 1, −1.
  const prediction = gaussianHead([1, 2, 3], [0.8, 1.6, 0.4], [0.6, 1.2, 0.3]);
  const result = evaluate(prediction, y(1, 4, 2.5));

  it("RMSE √((0 + 4 + 0.25)/3) and MAE (0 + 2 + 0.5)/3", () => {
    expect(result.rmse).toBeCloseTo(1.1902380714238083, 6);
    expect(result.mae).toBeCloseTo(0.8333333333333334, 6);
  });

  it("NLL: ½z² + log σ + ½ log 2π per point = 0.91894, 2.11209, 0.72579; mean 1.25227", () => {
    expect(result.nll).toBeCloseTo(1.252271866538006, 6);
  });

  it("CRPS: σ(z(2Φ(z) − 1) + 2φ(z) − 1/√π) per point = 0.23369, 1.20488, 0.30122; mean 0.57993", () => {
    expect(result.crps).toBeCloseTo(0.5799327904413832, 6);
  });

  it("PIT Φ(z) = 0.5, Φ(1), Φ(−1)", () => {
    expect(result.pit[0]).toBeCloseTo(0.5, 6);
    expect(result.pit[1]).toBeCloseTo(0.8413447460685429, 6);
    expect(result.pit[2]).toBeCloseTo(0.15865525393145707, 6);
  });

  it("coverage and width: the 50% interval (±0.6745σ) holds only z = 0; the 80% one (±1.2816σ) all three", () => {
    expect(result.coverage).toEqual({ "0.5": 1 / 3, "0.8": 1, "0.9": 1, "0.95": 1 });
    // 2 · 0.674489750196 · mean σ (3.5/3).
    expect(result.width["0.5"]).toBeCloseTo(1.573809417124, 5);
    expect(result.width["0.95"]).toBeCloseTo(2 * 1.959963984540054 * (3.5 / 3), 5);
  });

  it("the aleatoric/epistemic split: mean stds 0.9333 and 0.7, aleatoric share 1.12 / (1.12 + 0.63) = 0.64", () => {
    expect(result.aleatoricStd).toBeCloseTo(2.8 / 3, 6);
    expect(result.epistemicStd).toBeCloseTo(0.7, 6);
    expect(result.aleatoricShare).toBeCloseTo(0.64, 6);
    expect(result.predictiveStd).toBe("aleatoric+epistemic");
    expect(result.intervals).toBe("gaussian");
  });

  it("the calibration curve: z = 0 is inside every interval, |z| = 1 inside those of level ≥ 0.6827", () => {
    expect(result.calibration.map((p) => p.level)).toEqual(CALIBRATION_LEVELS);
    for (const { level, observed } of result.calibration) expect(observed).toBe(level >= 0.6827 ? 1 : 1 / 3);
  });

  it("writes as JSON without a non-finite number", () => {
    const { pit, ...scores } = result;
    expect(() => finiteJson(scores)).not.toThrow();
    expect(pit).toHaveLength(3);
  });
});

describe("evaluate: CRPS against its defining integral", () => {
  /** ∫ (F(x) − 1{x ≥ y})² dx by the trapezoid rule, split at y. */
  function crpsByIntegral(mean: number, sd: number, target: number): number {
    const cdf = (x: number) => 0.5 * (1 + erf((x - mean) / (sd * Math.SQRT2)));
    const trapezoid = (f: (x: number) => number, lo: number, hi: number, steps = 200_000) => {
      const h = (hi - lo) / steps;
      let sum = (f(lo) + f(hi)) / 2;
      for (let i = 1; i < steps; i++) sum += f(lo + i * h);
      return sum * h;
    };
    return (
      trapezoid((x) => cdf(x) ** 2, mean - 40 * sd, target) +
      trapezoid((x) => (1 - cdf(x)) ** 2, target, mean + 40 * sd)
    );
  }

  it.each([
    [0.3, 0.5, 0.4, -1.1],
    [-2, 1.5, 0.1, 3],
    [10, 0.2, 2, 9.5],
  ])("mean %s, aleatoric %s, epistemic %s, target %s", (mean, aleatoric, epistemic, target) => {
    const p = gaussianHead([mean, mean], [aleatoric, aleatoric], [epistemic, epistemic]);
    const sd = p.std[0]!;
    expect(evaluate(p, y(target, target)).crps).toBeCloseTo(crpsByIntegral(p.mean[0]!, sd, target), 6);
  });
});

describe("evaluate: a perfectly calibrated sample", () => {
  // y ~ N(mean, std²) with the very mean and std the prediction states, point by point.
  const n = 20_000;
  const [k1, k2] = splitKey(keyFromSeed(7), 2);
  const mean = Array.from(normal(k1!, n), (v) => 3 * v);
  const spread = Array.from({ length: n }, (_, i) => 0.5 + (i % 7) / 4);
  const noise = normal(k2!, n);
  const targets = Float32Array.from(mean, (m, i) => m + spread[i]! * noise[i]!);
  const result = evaluate(
    gaussianHead(
      mean,
      spread.map((s) => s * 0.8),
      spread.map((s) => s * 0.6),
    ),
    targets,
  );

  it("covers each level to within binomial noise (sd ≤ 0.0036 at n = 20000)", () => {
    for (const level of [0.5, 0.8, 0.9, 0.95])
      expect(Math.abs(result.coverage[String(level)]! - level)).toBeLessThan(0.015);
    for (const { level, observed } of result.calibration) expect(Math.abs(observed - level)).toBeLessThan(0.015);
  });

  it("has a flat PIT histogram: a tenth of the values in each tenth of (0, 1)", () => {
    for (const count of pitHistogram(result.pit)) expect(Math.abs(count / n - 0.1)).toBeLessThan(0.01);
  });

  it("scores an overconfident model (std halved) worse on NLL and coverage", () => {
    const narrow = evaluate(
      gaussianHead(
        mean,
        spread.map((s) => s * 0.4),
        spread.map((s) => s * 0.3),
      ),
      targets,
    );
    expect(narrow.nll).toBeGreaterThan(result.nll + 0.1);
    expect(narrow.coverage["0.95"]).toBeLessThan(0.75);
  });
});

describe("evaluate: an mse-head model", () => {
  // 2 members × 3 points: means 1, 2, 3 and epistemic stds 1, 2, 0.5, as in the hand-computed case.
  const p = mseHead([0, 0, 2.5, 2, 4, 3.5], 2);
  const result = evaluate(p, y(1, 4, 2.5));

  it("is scored with its epistemic std alone, and says so", () => {
    expect(result.predictiveStd).toBe("epistemic only");
    expect(result.aleatoricStd).toBe(0);
    expect(result.aleatoricShare).toBe(0);
    expect(result.nll).toBeCloseTo(1.252271866538006, 6);
    expect(result.crps).toBeCloseTo(0.5799327904413832, 6);
  });
});

describe("evaluate: supplied intervals (a calibrated model's)", () => {
  const p = gaussianHead([0, 0, 0, 0], [1, 1, 1, 1], [0, 0, 0, 0]);
  const targets = y(0.5, -1.5, 2.5, 0);

  it("scores coverage, width and the calibration curve on the supplied bounds", () => {
    // Half-width 2·level: at 0.5, ±1 holds 0.5 and 0; at 0.95, ±1.9 holds all but 2.5.
    const interval = (level: number) => ({
      lower: [1, 1, 1, 1].map(() => -2 * level),
      upper: [2, 2, 2, 2].map(() => 2 * level),
    });
    const result = evaluate(p, targets, { interval });
    expect(result.intervals).toBe("supplied");
    expect(result.coverage["0.5"]).toBe(0.5);
    expect(result.coverage["0.95"]).toBe(0.75);
    expect(result.width["0.5"]).toBeCloseTo(2, 12);
    expect(result.width["0.8"]).toBeCloseTo(3.2, 12);
    expect(result.calibration.find((c) => c.level === 0.05)!.observed).toBe(0.25);
  });

  it("refuses bounds of the wrong length, non-finite or crossed", () => {
    const ok = [-1, -1, -1, -1];
    expect(() => evaluate(p, targets, { interval: () => ({ lower: [-1], upper: [1] }) })).toThrow(ShapeError);
    expect(() => evaluate(p, targets, { interval: () => ({ lower: ok, upper: [1, 1, Number.NaN, 1] }) })).toThrow(
      /level 0\.5 is \[-1, NaN\] at value 2; bounds must be finite with lower ≤ upper/,
    );
    expect(() => evaluate(p, targets, { interval: () => ({ lower: ok, upper: [1, -2, 1, 1] }) })).toThrow(
      InvalidArgumentError,
    );
  });
});

describe("evaluate: several outputs", () => {
  // 2 members × 2 points × 2 outputs. Output 0: members (0, 2), (2, 4) → means 1, 3, stds 1, 1.
  // Output 1: members (10, 10), (20, 20) → means 10, 20, stds 0 (floored).
  const p = mseHead([0, 10, 2, 20, 2, 10, 4, 20], 2, 2);
  const targets = y(1, 10, 4, 22);
  const result = evaluate(p, targets);

  it("scores each output, and averages each score over outputs", () => {
    expect(result.outputSize).toBe(2);
    expect(result.outputs).toHaveLength(2);
    // Output 0: errors 0, 1; output 1: errors 0, 2.
    expect(result.outputs[0]!.rmse).toBeCloseTo(Math.sqrt(0.5), 6);
    expect(result.outputs[1]!.rmse).toBeCloseTo(Math.sqrt(2), 6);
    expect(result.rmse).toBeCloseTo((Math.sqrt(0.5) + Math.sqrt(2)) / 2, 6);
    expect(result.mae).toBeCloseTo((0.5 + 1) / 2, 6);
    expect(result.coverage["0.95"]).toBeCloseTo((1 + 0.5) / 2, 12);
    expect(result.calibration[0]!.observed).toBeCloseTo((0.5 + 0.5) / 2, 12);
  });

  it("lays PIT out as [n, outputSize]", () => {
    expect(result.pit).toHaveLength(4);
    expect(result.pit[0]).toBeCloseTo(0.5, 6);
    expect(result.pit[1]).toBeCloseTo(0.5, 6);
    expect(result.pit[3]).toBe(1);
  });
});

describe("evaluate: bad input", () => {
  const p = gaussianHead([1, 2, 3], [1, 1, 1], [0, 0, 0]);

  it("refuses fewer than 2 points", () => {
    const one = gaussianHead([1], [1], [0]);
    expect(() => evaluate(one, y(1))).toThrow(InvalidArgumentError);
    expect(() => evaluate(one, y(1))).toThrow(/at least 2 points; got 1/);
  });

  it("refuses targets of the wrong length", () => {
    expect(() => evaluate(p, y(1, 2))).toThrow(ShapeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])("refuses a target %s, naming the point", (bad) => {
    expect(() => evaluate(p, y(1, bad, 3))).toThrow(DataError);
    expect(() => evaluate(p, y(1, bad, 3))).toThrow(new RegExp(`point 2 \\(output 0\\) is ${bad}`));
  });

  it("refuses a prediction that is not finite", () => {
    const broken = mseHead([1, Number.NaN, 1, 2], 2);
    expect(() => evaluate(broken, y(1, 2))).toThrow(NonFiniteOutputError);
  });

  it.each([[[0]], [[1]], [[0.5, 1.2]], [[]]])("refuses levels %j", (levels) => {
    expect(() => evaluate(p, y(1, 2, 3), { levels })).toThrow(InvalidArgumentError);
    expect(() => evaluate(p, y(1, 2, 3), { calibrationLevels: levels })).toThrow(InvalidArgumentError);
  });
});

describe("pitHistogram", () => {
  it("counts values in equal bins of [0, 1], 1 in the last", () => {
    expect(pitHistogram([0, 0.1, 0.24, 0.25, 0.5, 0.99, 1], 4)).toEqual([3, 1, 1, 2]);
  });

  it.each([0, 1.5, -2])("refuses %s bins", (bins) => {
    expect(() => pitHistogram([0.5], bins)).toThrow(InvalidArgumentError);
  });
});
