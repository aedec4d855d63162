import { crpsGaussian, gaussianNll, intervalCoverage, type Prediction, rmse } from "@rpf/core";
import erfinv from "@stdlib/math-base-special-erfinv";

/** The scores of one predictive on one test set, all in the target's units. */
export interface UqScores {
  readonly rmse: number;
  /** Mean negative log-likelihood per point of N(mean, std²). */
  readonly nll: number;
  /** Mean CRPS of N(mean, std²). */
  readonly crps: number;
  /** Fraction of targets inside the central 95% interval mean ± 1.96·std. */
  readonly coverage95: number;
  /** Mean width of that interval, 2 · 1.96 · mean(std). */
  readonly width95: number;
}

export const UQ_METRICS = [
  "rmse",
  "nll",
  "crps",
  "coverage95",
  "width95",
] as const satisfies readonly (keyof UqScores)[];

/**
 * The predictive of a model that only gives a mean and a total std per row (the PyTorch peer), in
 * the shape core's metrics take: one "member" whose value is the mean and whose spread is all
 * aleatoric.
 */
function gaussianPrediction(mean: Float32Array, std: Float32Array): Prediction {
  const zeros = new Float32Array(mean.length);
  return {
    memberCount: 1,
    n: mean.length,
    outputSize: 1,
    members: mean,
    prior: zeros,
    trainable: mean,
    variance: null,
    mean,
    std,
    aleatoricStd: std,
    epistemicStd: zeros,
  };
}

/**
 * Scores a Gaussian predictive (mixture mean and total std per test row, target units) against the
 * true targets. rpf and the PyTorch peer are both scored here, through core's metric functions, so
 * the two columns of the report cannot differ in how a metric is computed.
 * @throws ShapeError when the arrays differ in length.
 */
export function scoreUq(mean: Float32Array, std: Float32Array, y: Float32Array): UqScores {
  const prediction = gaussianPrediction(mean, std);
  let stdSum = 0;
  for (const value of std) stdSum += value;
  const z95 = Math.SQRT2 * erfinv(0.95);
  return {
    rmse: rmse(prediction, y),
    nll: gaussianNll(prediction, y),
    crps: crpsGaussian(prediction, y),
    coverage95: intervalCoverage(prediction, y, 0.95),
    width95: (2 * z95 * stdSum) / y.length,
  };
}
