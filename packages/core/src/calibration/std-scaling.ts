import { MIN_PREDICTIVE_STD } from "../predict/metrics.js";
import type { Prediction } from "../predict/summary.js";
import { checkHeldOut } from "./held-out.js";

/**
 * The factor s per output that minimises the mean Gaussian NLL of held-out targets under
 * N(μ, (s·σ)²). Setting the derivative to zero gives the closed form s² = mean(r²/σ²), r = y − μ
 * (Levi et al. 2019, "Evaluating and calibrating uncertainty prediction in regression tasks").
 * σ is floored at MIN_PREDICTIVE_STD, as in gaussianNll.
 *
 * @param prediction - the uncalibrated prediction at the held-out inputs, [n, outputSize].
 * @param y - held-out targets [n, outputSize], in the prediction's units.
 * @returns s per output, finite and > 0.
 * @throws {ShapeError} when y does not match.
 * @throws {DataError} for fewer than 2 rows or when every residual is 0 (no scale can be fitted).
 */
export function fitStdScaling(prediction: Prediction, y: Float32Array): number[] {
  checkHeldOut(prediction, y);
  const { n, outputSize } = prediction;
  const factors: number[] = [];
  for (let o = 0; o < outputSize; o++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const j = i * outputSize + o;
      const sd = Math.max(prediction.std[j]!, MIN_PREDICTIVE_STD);
      sum += ((y[j]! - prediction.mean[j]!) / sd) ** 2;
    }
    factors.push(Math.sqrt(sum / n));
  }
  return factors;
}

/**
 * The prediction with every std scaled by its output's factor: std, aleatoricStd and
 * epistemicStd by s, each member's variance by s². Means and member outputs are unchanged, so
 * the parts still add up: std² = aleatoric² + epistemic².
 */
export function applyStdScaling(prediction: Prediction, factors: readonly number[]): Prediction {
  const { outputSize } = prediction;
  const scale = (values: Float32Array, power: number) => values.map((v, j) => v * factors[j % outputSize]! ** power);
  return {
    ...prediction,
    std: scale(prediction.std, 1),
    aleatoricStd: scale(prediction.aleatoricStd, 1),
    epistemicStd: scale(prediction.epistemicStd, 1),
    variance: prediction.variance ? scale(prediction.variance, 2) : null,
  };
}
