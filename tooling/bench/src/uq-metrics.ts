import { evaluate, type Prediction } from "@rpf/core";

/** The scores of one predictive on one test set, all in the target's units. */
export interface UqScores {
  readonly rmse: number;
  /** Mean negative log-likelihood per point of N(mean, std²). */
  readonly nll: number;
  /** Mean CRPS of N(mean, std²). */
  readonly crps: number;
  /** Fraction of targets inside the central 95% interval mean ± 1.96·std. */
  readonly coverage95: number;
  /** Mean width of that interval. */
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
 * true targets with core's `evaluate` — the code behind `rpf evaluate` — so rpf and the PyTorch peer
 * cannot differ in how a metric is computed (docs/uncertainty.md, "The metrics").
 * @throws ShapeError when the arrays differ in length; NonFiniteError for a non-finite prediction.
 */
export function scoreUq(mean: Float32Array, std: Float32Array, y: Float32Array): UqScores {
  const scores = evaluate(gaussianPrediction(mean, std), y, { levels: [0.95] });
  return {
    rmse: scores.rmse,
    nll: scores.nll,
    crps: scores.crps,
    coverage95: scores.coverage["0.95"]!,
    width95: scores.width["0.95"]!,
  };
}
