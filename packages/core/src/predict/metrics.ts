import erf from "@stdlib/math-base-special-erf";
import erfinv from "@stdlib/math-base-special-erfinv";
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

export function mse(prediction: Prediction, y: Float32Array): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (prediction.mean[i]! - y[i]!) ** 2;
  return sum / y.length;
}

export function rmse(prediction: Prediction, y: Float32Array): number {
  return Math.sqrt(mse(prediction, y));
}

/** Mean negative log-likelihood of y under N(mean, std²), the ensemble's Gaussian predictive. */
export function gaussianNll(prediction: Prediction, y: Float32Array, minStd = MIN_PREDICTIVE_STD): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const sd = Math.max(prediction.std[i]!, minStd);
    const z = (y[i]! - prediction.mean[i]!) / sd;
    sum += 0.5 * z * z + Math.log(sd) + 0.5 * Math.log(2 * Math.PI);
  }
  return sum / y.length;
}

const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);

function standardNormalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

function standardNormalCdf(z: number): number {
  return 0.5 * (1 + erf(z / Math.SQRT2));
}

/** Mean CRPS of the Gaussian N(mean, std²) (closed form, Gneiting & Raftery 2007). */
export function crpsGaussian(prediction: Prediction, y: Float32Array, minStd = MIN_PREDICTIVE_STD): number {
  checkTargets(prediction, y);
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const sd = Math.max(prediction.std[i]!, minStd);
    const z = (y[i]! - prediction.mean[i]!) / sd;
    sum += sd * (z * (2 * standardNormalCdf(z) - 1) + 2 * standardNormalPdf(z) - INV_SQRT_PI);
  }
  return sum / y.length;
}

/** Mean CRPS of the members' empirical distribution: E|X - y| - ½ E|X - X'|. */
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

/** The fraction of targets inside the central Gaussian interval of the given level (e.g. 0.9). */
export function intervalCoverage(prediction: Prediction, y: Float32Array, level: number): number {
  checkTargets(prediction, y);
  if (!(level > 0 && level < 1)) throw new InvalidArgumentError(`coverage level must be in (0, 1), got ${level}`);
  const z = standardNormalQuantile(0.5 + level / 2);
  let inside = 0;
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]! - prediction.mean[i]!) <= z * prediction.std[i]!) inside += 1;
  }
  return inside / y.length;
}
