import erf from "@stdlib/math-base-special-erf";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ShapeError } from "../errors.js";
import { normal } from "../random/distributions.js";
import { keyFromSeed } from "../random/key.js";
import { crpsEnsemble, crpsGaussian, gaussianNll, intervalCoverage, MIN_PREDICTIVE_STD, mse, rmse } from "./metrics.js";
import { type Prediction, summarizeMembers } from "./summary.js";

/** A prediction with the given mean and std (members are irrelevant to the Gaussian metrics). */
function gaussian(mean: number[], std: number[]): Prediction {
  const zeros = new Float32Array(mean.length);
  return {
    memberCount: 1,
    n: mean.length,
    outputSize: 1,
    members: Float32Array.from(mean),
    prior: zeros,
    trainable: zeros,
    variance: null,
    mean: Float32Array.from(mean),
    std: Float32Array.from(std),
    aleatoricStd: zeros,
    epistemicStd: Float32Array.from(std),
  };
}

function fromMembers(values: number[], memberCount: number): Prediction {
  const members = Float32Array.from(values);
  return summarizeMembers({ members, prior: members, trainable: members }, memberCount, 1);
}

const y = (...values: number[]) => Float32Array.from(values);
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ∫ f from lo to hi by the trapezoid rule. */
function trapezoid(f: (x: number) => number, lo: number, hi: number, steps = 100_000): number {
  const h = (hi - lo) / steps;
  let sum = (f(lo) + f(hi)) / 2;
  for (let i = 1; i < steps; i++) sum += f(lo + i * h);
  return sum * h;
}

/** CRPS by its definition, ∫ (F(x) − 1{x ≥ y})² dx, split at y where the step is. */
function crpsByIntegral(cdf: (x: number) => number, target: number, lo: number, hi: number): number {
  return trapezoid((x) => cdf(x) ** 2, lo, target) + trapezoid((x) => (1 - cdf(x)) ** 2, target, hi);
}

describe("mse / rmse", () => {
  it("use the ensemble mean", () => {
    const p = gaussian([1, 2], [5, 5]);
    expect(mse(p, y(0, 4))).toBeCloseTo(2.5, 12);
    expect(rmse(p, y(0, 4))).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(mse(p, y(1, 2))).toBe(0);
  });

  it("reject targets of the wrong length", () => {
    expect(() => mse(gaussian([1, 2], [1, 1]), y(1))).toThrow(ShapeError);
    expect(() => mse(gaussian([1, 2], [1, 1]), y(1))).toThrow(/targets have 1 values; the prediction has 2/);
  });
});

describe("gaussianNll", () => {
  it("is ½ log 2π for a standard normal at its mean", () => {
    expect(gaussianNll(gaussian([0], [1]), y(0))).toBeCloseTo(HALF_LOG_2PI, 12);
  });

  it("adds ½ z² + log σ", () => {
    // y = 2 under N(0, 2²): z = 1.
    expect(gaussianNll(gaussian([0], [2]), y(2))).toBeCloseTo(0.5 + Math.log(2) + HALF_LOG_2PI, 6);
  });

  it("averages over points", () => {
    const p = gaussian([0, 0], [1, 2]);
    const expected = (HALF_LOG_2PI + (0.5 + Math.log(2) + HALF_LOG_2PI)) / 2;
    expect(gaussianNll(p, y(0, 2))).toBeCloseTo(expected, 6);
  });

  it("floors a collapsed std, so the result stays finite", () => {
    const value = gaussianNll(gaussian([1], [0]), y(1));
    expect(value).toBeCloseTo(Math.log(MIN_PREDICTIVE_STD) + HALF_LOG_2PI, 6);
    expect(Number.isFinite(gaussianNll(gaussian([1], [0]), y(2)))).toBe(true);
  });
});

describe("crpsGaussian", () => {
  it("is 2φ(0) − 1/√π ≈ 0.2337 for N(0, 1) at y = 0", () => {
    const expected = 2 / Math.sqrt(2 * Math.PI) - 1 / Math.sqrt(Math.PI);
    expect(expected).toBeCloseTo(0.23369497725, 10);
    expect(crpsGaussian(gaussian([0], [1]), y(0))).toBeCloseTo(expected, 10);
  });

  it("matches the defining integral off-centre", () => {
    const mean = 1;
    const sd = 2;
    const target = -0.5;
    const cdf = (x: number) => 0.5 * (1 + erf((x - mean) / (sd * Math.SQRT2)));
    const numeric = crpsByIntegral(cdf, target, -30, 30);
    expect(crpsGaussian(gaussian([mean], [sd]), y(target))).toBeCloseTo(numeric, 6);
  });

  it("tends to the absolute error as the std collapses", () => {
    expect(crpsGaussian(gaussian([0], [0]), y(3))).toBeCloseTo(3, 5);
  });
});

describe("crpsEnsemble", () => {
  it("is the absolute error for one member", () => {
    expect(crpsEnsemble(fromMembers([2], 1), y(-1))).toBeCloseTo(3, 12);
  });

  it("is E|X − y| − ½ E|X − X'| for two members", () => {
    // Members 0 and 2, y = 0: E|X − y| = 1, E|X − X'| = 1 (over ordered pairs, the diagonal included).
    expect(crpsEnsemble(fromMembers([0, 2], 2), y(0))).toBeCloseTo(0.5, 12);
  });

  it("matches the integral over the members' empirical CDF", () => {
    const values = [0.3, -1.2, 2.5, 0.9, 1.7];
    const cdf = (x: number) => values.filter((v) => v <= x).length / values.length;
    const numeric = crpsByIntegral(cdf, 0.5, -5, 6);
    expect(crpsEnsemble(fromMembers(values, 5), y(0.5))).toBeCloseTo(numeric, 3);
  });

  it("approaches crpsGaussian for many normal members", () => {
    const members = Array.from(normal(keyFromSeed(1), 4000));
    expect(crpsEnsemble(fromMembers(members, 4000), y(0))).toBeCloseTo(0.2337, 2);
  });
});

describe("intervalCoverage", () => {
  const p = gaussian([0, 0, 0, 0, 0], [1, 1, 1, 1, 1]);
  const targets = y(0, 1, 1.5, 2, -3);

  it("counts targets inside the central interval of each level", () => {
    // 90%: ±1.645; 95%: ±1.960; 99%: ±2.576.
    expect(intervalCoverage(p, targets, 0.9)).toBeCloseTo(0.6, 12);
    expect(intervalCoverage(p, targets, 0.95)).toBeCloseTo(0.6, 12);
    expect(intervalCoverage(p, targets, 0.99)).toBeCloseTo(0.8, 12);
    expect(intervalCoverage(p, targets, 0.5)).toBeCloseTo(0.2, 12);
  });

  it("uses the right z for a 68.27% interval (±1σ)", () => {
    expect(intervalCoverage(gaussian([0, 0], [1, 1]), y(0.99, 1.01), 0.6827)).toBeCloseTo(0.5, 12);
  });

  it("puts the 95% interval's edge at z = 1.959963984540054 (Φ⁻¹(0.975)), to float32 targets' resolution", () => {
    expect(intervalCoverage(gaussian([0, 0], [1, 1]), y(1.95996, 1.95997), 0.95)).toBe(0.5);
  });

  it("scales the interval with the std", () => {
    expect(intervalCoverage(gaussian([10], [3]), y(14.5), 0.9)).toBe(1);
    expect(intervalCoverage(gaussian([10], [2]), y(14.5), 0.9)).toBe(0);
  });

  it.each([0, 1, -0.5, 1.5, Number.NaN])("rejects level %s", (level) => {
    expect(() => intervalCoverage(p, targets, level)).toThrow(InvalidArgumentError);
  });
});
