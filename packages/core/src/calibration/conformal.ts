import { InvalidArgumentError } from "../errors.js";
import { MIN_PREDICTIVE_STD } from "../predict/metrics.js";
import type { Prediction } from "../predict/summary.js";
import { checkHeldOut } from "./held-out.js";

/**
 * The normalised conformity scores |y − μ|/σ of held-out rows, per output, sorted ascending
 * (split conformal prediction with a locally weighted residual, Lei et al. 2018 §5.2). σ is the
 * prediction's total std, floored at MIN_PREDICTIVE_STD.
 *
 * @param prediction - the uncalibrated prediction at the held-out inputs, [n, outputSize].
 * @param y - held-out targets [n, outputSize].
 * @throws {ShapeError} when y does not match.
 * @throws {DataError} for fewer than 2 rows.
 */
export function fitConformalScores(prediction: Prediction, y: Float32Array): number[][] {
  checkHeldOut(prediction, y);
  const { n, outputSize } = prediction;
  const scores: number[][] = [];
  for (let o = 0; o < outputSize; o++) {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = i * outputSize + o;
      column[i] = Math.abs(y[j]! - prediction.mean[j]!) / Math.max(prediction.std[j]!, MIN_PREDICTIVE_STD);
    }
    scores.push(Array.from(column.sort()));
  }
  return scores;
}

/**
 * The 1-based rank k = ⌈(n + 1)·level⌉ of the score that bounds a central interval of `level`
 * from n held-out scores. With exchangeable rows, a new row's score is at most the k-th smallest
 * with probability ≥ k/(n + 1) ≥ level (Lei et al. 2018, Theorem 2.2).
 *
 * @throws {InvalidArgumentError} when level is not in (0, 1), or when k > n: then no finite
 *   interval has the guarantee, and the message says how many rows the level needs.
 */
export function conformalRank(n: number, level: number): number {
  if (!(level > 0 && level < 1))
    throw new InvalidArgumentError(`the interval level must be in (0, 1), got ${level}`, { field: "level" });
  // The product is rounded first so that, e.g., (19 + 1)·0.95 is 19 and not 19.000000000000004.
  const k = Math.ceil(Number(((n + 1) * level).toPrecision(12)));
  if (k > n) {
    const needed = Math.ceil(level / (1 - level) - 1e-9);
    throw new InvalidArgumentError(
      `a conformal interval of level ${level} needs at least ${needed} held-out rows; the model was calibrated on ${n}: lower the level or hold out more rows`,
      { field: "level", accepted: `a level <= ${n / (n + 1)}` },
    );
  }
  return k;
}

/**
 * The k-th smallest of sorted scores, k = conformalRank(n, level).
 * @throws {InvalidArgumentError} as conformalRank: a level outside (0, 1) or one needing more rows.
 */
export function conformalQuantile(sortedScores: readonly number[], level: number): number {
  return sortedScores[conformalRank(sortedScores.length, level) - 1]!;
}
