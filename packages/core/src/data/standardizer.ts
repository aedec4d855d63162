import type { StandardizeMode } from "../spec/names.js";
import type { Dataset } from "./dataset.js";

/** Per-column affine maps fitted on the training data and stored with the model. */
export interface Standardizer {
  readonly xMean: readonly number[];
  readonly xScale: readonly number[];
  readonly yMean: readonly number[];
  readonly yScale: readonly number[];
}

function columnStats(values: Float32Array, n: number, width: number, enabled: boolean) {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  if (!enabled) return { mean, scale };
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * width + c]!;
    const mu = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (values[i * width + c]! - mu) ** 2;
    const sd = Math.sqrt(squares / n);
    mean[c] = mu;
    // A constant column is centred but not scaled: dividing by ~0 would explode.
    scale[c] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

/**
 * Fits per-column means and population standard deviations (÷ n) on the training data: x's for "x" and
 * "xy", y's for "xy" only; the other maps stay the identity. A constant column keeps scale 1.
 */
export function fitStandardizer(data: Dataset, mode: StandardizeMode): Standardizer {
  const xs = columnStats(data.x, data.n, data.inputSize, mode !== "none");
  const ys = columnStats(data.y, data.n, data.outputSize, mode === "xy");
  return { xMean: xs.mean, xScale: xs.scale, yMean: ys.mean, yScale: ys.scale };
}

/** The identity maps (means 0, scales 1) for inputSize x columns and outputSize y columns. */
export function identityStandardizer(inputSize: number, outputSize: number): Standardizer {
  return {
    xMean: new Array(inputSize).fill(0),
    xScale: new Array(inputSize).fill(1),
    yMean: new Array(outputSize).fill(0),
    yScale: new Array(outputSize).fill(1),
  };
}

function isIdentity(mean: readonly number[], scale: readonly number[]): boolean {
  return mean.every((m) => m === 0) && scale.every((s) => s === 1);
}

/**
 * forward: (v - mean) / scale; backward: v · scale + mean, per column. The identity map returns
 * its input as is: prediction passes millions of values through here.
 */
function affine(
  values: Float32Array,
  mean: readonly number[],
  scale: readonly number[],
  forward: boolean,
): Float32Array {
  if (isIdentity(mean, scale)) return values;
  const width = mean.length;
  const out = new Float32Array(values.length);
  for (let c = 0; c < width; c++) {
    const mu = mean[c]!;
    const sd = scale[c]!;
    if (forward) for (let i = c; i < values.length; i += width) out[i] = (values[i]! - mu) / sd;
    else for (let i = c; i < values.length; i += width) out[i] = values[i]! * sd + mu;
  }
  return out;
}

/**
 * x [n, inputSize] into the model's units: (x − xMean) / xScale per column. Returns x itself for the identity map.
 */
export function standardizeX(s: Standardizer, x: Float32Array): Float32Array {
  return affine(x, s.xMean, s.xScale, true);
}

/**
 * y [n, outputSize] into the model's units: (y − yMean) / yScale per column. Returns y itself for the identity map.
 */
export function standardizeY(s: Standardizer, y: Float32Array): Float32Array {
  return affine(y, s.yMean, s.yScale, true);
}

/**
 * Model outputs [n, outputSize] back to data units: y · yScale + yMean per column. Returns y itself for the identity map.
 */
export function unstandardizeY(s: Standardizer, y: Float32Array): Float32Array {
  return affine(y, s.yMean, s.yScale, false);
}

/** Scales without shifting: for spreads and for the prior's additive contribution. */
export function scaleY(s: Standardizer, values: Float32Array): Float32Array {
  const zero = new Array<number>(s.yMean.length).fill(0);
  return affine(values, zero, s.yScale, false);
}

/**
 * Variances from standardised to data units: v · scale² per column, taken in float64 and rounded
 * once (a variance in standardised y units is scale² times smaller than in the data's).
 */
export function scaleVarianceY(s: Standardizer, values: Float32Array): Float32Array {
  if (s.yScale.every((v) => v === 1)) return values;
  const width = s.yScale.length;
  const out = new Float32Array(values.length);
  for (let c = 0; c < width; c++) {
    const square = s.yScale[c]! * s.yScale[c]!;
    for (let i = c; i < values.length; i += width) out[i] = values[i]! * square;
  }
  return out;
}
