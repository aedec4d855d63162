import { InvalidArgumentError, NonFiniteOutputError, ShapeError } from "../errors.js";
import { standardNormalQuantile } from "../predict/metrics.js";
import type { Prediction } from "../predict/summary.js";
import type { Calibration, CalibrationKind } from "./calibration.js";
import { conformalQuantile, fitConformalScores } from "./conformal.js";
import { fitStdScaling } from "./std-scaling.js";

/**
 * Fits a calibration on held-out rows.
 * @param prediction - the uncalibrated prediction at the held-out inputs, [n, outputSize].
 * @param y - held-out targets [n, outputSize], in the prediction's units.
 * @throws {ShapeError | DataError} as fitStdScaling and fitConformalScores.
 */
export function fitCalibration(kind: CalibrationKind, prediction: Prediction, y: Float32Array): Calibration {
  return kind === "std-scaling"
    ? { kind, count: prediction.n, factors: fitStdScaling(prediction, y) }
    : { kind, count: prediction.n, scores: fitConformalScores(prediction, y) };
}

/**
 * The central interval of `level` at every point, in float64, [n, outputSize] each.
 *
 * - conformal calibration: μ ∓ q·σ with q the conformal quantile of the stored scores; marginal
 *   coverage ≥ level when the held-out and new rows are exchangeable.
 * - otherwise (none, or std-scaling): the Gaussian approximation μ ∓ Φ⁻¹(½ + level/2)·σ.
 *
 * `std` is the std the model reports (Ensemble.predict), which already carries a std-scaling
 * factor; conformal scores were fitted on the same, unscaled, std.
 *
 * @param mean - μ, [n, outputSize] (outputSize from the calibration, else 1 per value).
 * @param std - σ, same shape.
 * @throws {InvalidArgumentError} for a level outside (0, 1), or a conformal level the held-out rows cannot give.
 * @throws {ShapeError} when mean and std differ in length or do not fit the calibration's outputs.
 * @throws {NonFiniteOutputError} naming the rows (from 1) where a bound is not finite.
 */
export function calibratedInterval(
  calibration: Calibration | null | undefined,
  mean: Float32Array,
  std: Float32Array,
  level: number,
): { readonly lower: Float64Array; readonly upper: Float64Array } {
  if (!(level > 0 && level < 1))
    throw new InvalidArgumentError(`the interval level must be in (0, 1), got ${level}`, { field: "level" });
  if (mean.length !== std.length)
    throw new ShapeError(`mean has ${mean.length} values and std ${std.length}`, { field: "std" });
  const conformal = calibration?.kind === "conformal" ? calibration.scores : null;
  const outputs = conformal ? conformal.length : 1;
  if (mean.length % outputs !== 0)
    throw new ShapeError(`${mean.length} values do not split into rows of ${outputs} outputs`, { field: "mean" });
  const widths = conformal
    ? conformal.map((scores) => conformalQuantile(scores, level))
    : [standardNormalQuantile(0.5 + level / 2)];
  const lower = new Float64Array(mean.length);
  const upper = new Float64Array(mean.length);
  const bad: number[] = [];
  for (let j = 0; j < mean.length; j++) {
    const half = widths[j % outputs]! * std[j]!;
    lower[j] = mean[j]! - half;
    upper[j] = mean[j]! + half;
    if (!(Number.isFinite(lower[j]!) && Number.isFinite(upper[j]!))) bad.push(Math.floor(j / outputs));
  }
  if (bad.length > 0) {
    throw new NonFiniteOutputError(
      `the ${level} interval is not finite at row ${bad
        .slice(0, 5)
        .map((row) => row + 1)
        .join(", ")}${bad.length > 5 ? ", …" : ""}: the std there is beyond float64's range`,
      { field: "level" },
      bad,
    );
  }
  return { lower, upper };
}
