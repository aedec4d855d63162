import erfinv from "@stdlib/math-base-special-erfinv";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalPdf from "@stdlib/stats-base-dists-normal-pdf";
import { InvalidArgumentError, ShapeError } from "../errors.js";
import type { Prediction } from "./summary.js";

/** Below this the Gaussian NLL treats the spread as this floor, so a collapsed ensemble is finite. */
export const MIN_PREDICTIVE_STD = 1e-6;

function checkTargets(prediction: Prediction, y: Float32Array): void {
  if (y.length !== prediction.mean.length) {
    throw new ShapeError(`targets have ${y.length} values; the prediction has ${prediction.mean.length}`, {
      field: "y",
    });
  }
}

/**
 * Mean squared error of the ensemble mean against targets y [n, outputSize], in y's units².
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 */
export function mse(prediction: Prediction, y: Float32Array): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (prediction.mean[i]! - y[i]!) ** 2;
  return sum / y.length;
}

/**
 * Root mean squared error of the ensemble mean, √mse, in y's units.
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 */
export function rmse(prediction: Prediction, y: Float32Array): number {
  return Math.sqrt(mse(prediction, y));
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

/**
 * −log N(y; mean, sd²) at one point, with sd floored at `minStd` so a collapsed spread stays finite.
 * In the target's units: log-density of y per unit of y.
 */
export function gaussianNllAt(y: number, mean: number, sd: number, minStd = MIN_PREDICTIVE_STD): number {
  const s = Math.max(sd, minStd);
  const z = (y - mean) / s;
  return 0.5 * z * z + Math.log(s) + HALF_LOG_2PI;
}

/**
 * CRPS of N(mean, sd²) at y, in the target's units, by its closed form
 * sd·(z(2Φ(z) − 1) + 2φ(z) − 1/√π) with z = (y − mean)/sd (Gneiting et al. 2005; Gneiting & Raftery 2007);
 * sd is floored at `minStd`, where the CRPS is already |y − mean| to within it.
 */
export function gaussianCrpsAt(y: number, mean: number, sd: number, minStd = MIN_PREDICTIVE_STD): number {
  const s = Math.max(sd, minStd);
  const z = (y - mean) / s;
  return s * (z * (2 * normalCdf(z, 0, 1) - 1) + 2 * normalPdf(z, 0, 1) - INV_SQRT_PI);
}

/**
 * Mean negative log-likelihood of y under N(mean, std²), the ensemble's Gaussian predictive.
 * The score Lakshminarayanan et al. (2017) evaluate deep ensembles with; in nats per value, with std
 * floored at `minStd` (y's units).
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 */
export function gaussianNll(prediction: Prediction, y: Float32Array, minStd = MIN_PREDICTIVE_STD): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += gaussianNllAt(y[i]!, prediction.mean[i]!, prediction.std[i]!, minStd);
  return sum / y.length;
}

/**
 * Mean CRPS of the Gaussian N(mean, std²) (closed form, Gneiting & Raftery 2007).
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 */
export function crpsGaussian(prediction: Prediction, y: Float32Array, minStd = MIN_PREDICTIVE_STD): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += gaussianCrpsAt(y[i]!, prediction.mean[i]!, prediction.std[i]!, minStd);
  return sum / y.length;
}

/**
 * Mean CRPS of the members' empirical distribution: E|X - y| - ½ E|X - X'|.
 * In y's units (the kernel form of Gneiting & Raftery 2007, with the members as equally weighted samples).
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 */
export function crpsEnsemble(prediction: Prediction, y: Float32Array): number {
  checkTargets(prediction, y);
  const size = y.length;
  const count = prediction.memberCount;
  let sum = 0;
  for (let j = 0; j < size; j++) {
    let spread = 0;
    let error = 0;
    for (let a = 0; a < count; a++) {
      const va = prediction.members[a * size + j]!;
      error += Math.abs(va - y[j]!);
      for (let b = a + 1; b < count; b++) spread += Math.abs(va - prediction.members[b * size + j]!);
    }
    sum += error / count - spread / (count * count);
  }
  return sum / size;
}

/** Φ⁻¹(p) = √2 · erfinv(2p − 1): the z value of a coverage level's upper end. */
export function standardNormalQuantile(p: number): number {
  return Math.SQRT2 * erfinv(2 * p - 1);
}

/**
 * The half-width, in standard deviations, of a normal's central interval holding `level` of its
 * mass: Φ⁻¹(½ + level/2), e.g. 1.959963984540054 for 0.95.
 * @throws {InvalidArgumentError} unless 0 < level < 1.
 */
export function centralIntervalZ(level: number): number {
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`coverage level must be in (0, 1), got ${level}`);
  return standardNormalQuantile(0.5 + level / 2);
}

/**
 * The fraction of targets inside the central Gaussian interval of the given level (e.g. 0.9).
 * mean ± Φ⁻¹(0.5 + level/2)·std per value; the result is in [0, 1].
 * @throws {ShapeError} when y's length differs from the prediction's mean.
 * @throws {InvalidArgumentError} unless level is in (0, 1).
 */
export function intervalCoverage(prediction: Prediction, y: Float32Array, level: number): number {
  checkTargets(prediction, y);
  const z = centralIntervalZ(level);
  let inside = 0;
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]! - prediction.mean[i]!) <= z * prediction.std[i]!) inside += 1;
  }
  return inside / y.length;
}
