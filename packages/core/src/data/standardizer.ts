import { DataError } from "../errors.js";
import type { InputTransformName, StandardizeMode } from "../spec/names.js";
import type { Dataset } from "./dataset.js";
import { fitYeoJohnsonLambda, yeoJohnson } from "./yeo-johnson.js";

/**
 * Per-column maps fitted on the training data and stored with the model: x is taken to
 * (yeoJohnson(x, xLambda) − xMean) / xScale, y to (y − yMean) / yScale.
 */
export interface Standardizer {
  readonly xMean: readonly number[];
  readonly xScale: readonly number[];
  readonly yMean: readonly number[];
  readonly yScale: readonly number[];
  /**
   * The Yeo-Johnson λ of each input column [inputSize], applied before xMean and xScale; present
   * exactly when the spec's inputTransform is "yeo-johnson" (xMean and xScale are then the
   * transformed columns' statistics).
   */
  readonly xLambda?: readonly number[];
}

function columnStats(values: Float32Array | Float64Array, n: number, width: number, enabled: boolean) {
  const mean = new Array<number>(width).fill(0);
  const scale = new Array<number>(width).fill(1);
  if (!enabled) return { mean, scale };
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * width + c]!;
    const mu = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += (values[i * width + c]! - mu) ** 2;
    mean[c] = mu;
    scale[c] = columnScale(Math.sqrt(squares / n));
  }
  return { mean, scale };
}

/**
 * A column's scale from its population standard deviation: the deviation itself, or 1 for a
 * constant column, which is centred but not scaled (dividing by ~0 would explode).
 */
export function columnScale(sd: number): number {
  return sd > 1e-12 ? sd : 1;
}

/**
 * Fits the maps on the training data [n rows]: with inputTransform "yeo-johnson" first one λ per
 * input column (fitYeoJohnsonLambda); then per-column means and population standard deviations
 * (÷ n), of the transformed x's for "x" and "xy" and of the y's for "xy" only; the other maps stay
 * the identity. A constant column keeps scale 1.
 */
export function fitStandardizer(
  data: Dataset,
  mode: StandardizeMode,
  inputTransform: InputTransformName,
): Standardizer {
  const xLambda = inputTransform === "yeo-johnson" ? fitLambdas(data) : undefined;
  const x = xLambda ? powerTransformX(xLambda, data.x) : data.x;
  const xs = columnStats(x, data.n, data.inputSize, mode !== "none");
  const ys = columnStats(data.y, data.n, data.outputSize, mode === "xy");
  return { xMean: xs.mean, xScale: xs.scale, yMean: ys.mean, yScale: ys.scale, ...(xLambda ? { xLambda } : {}) };
}

function fitLambdas(data: Dataset): number[] {
  const width = data.inputSize;
  return Array.from({ length: width }, (_, c) => {
    const column = new Float64Array(data.n);
    for (let i = 0; i < data.n; i++) column[i] = data.x[i * width + c]!;
    return fitYeoJohnsonLambda(column);
  });
}

/** x [n, inputSize] through each column's Yeo-Johnson transform, in float64 (statistics are taken in float64). */
function powerTransformX(lambdas: readonly number[], x: Float32Array): Float64Array {
  const width = lambdas.length;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = yeoJohnson(x[i]!, lambdas[i % width]!);
  return out;
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
 * x [n, inputSize] into the model's units: (yeoJohnson(x, xLambda) − xMean) / xScale per column,
 * taken in float64 and rounded once, or (x − xMean) / xScale without xLambda. Returns x itself for
 * the identity map.
 * @throws {DataError} when a value lands beyond float32's range, which only an input far outside
 * the training data's range can do (a column the training data barely varied, or a large λ).
 */
export function standardizeX(s: Standardizer, x: Float32Array): Float32Array {
  const out = s.xLambda ? transformedAffine(s, s.xLambda, x) : affine(x, s.xMean, s.xScale, true);
  if (out !== x) assertModelUnitsFinite(out, x, s.xMean.length);
  return out;
}

function assertModelUnitsFinite(out: Float32Array, x: Float32Array, width: number): void {
  for (let i = 0; i < out.length; i++) {
    if (Number.isFinite(out[i]!)) continue;
    throw new DataError(
      `x row ${Math.floor(i / width)}, column ${i % width} (${x[i]}) lies so far outside the training data that the model's standardizer takes it beyond float32's range; only inputs it maps to finite values are accepted`,
      { field: "x" },
    );
  }
}

function transformedAffine(s: Standardizer, lambdas: readonly number[], x: Float32Array): Float32Array {
  const width = lambdas.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const c = i % width;
    out[i] = (yeoJohnson(x[i]!, lambdas[c]!) - s.xMean[c]!) / s.xScale[c]!;
  }
  return out;
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

/**
 * A dataset in the model's units: x and y standardised, and per-member targets scaled as y is
 * (standardizeY works per column). What a fit trains on; the arrays may be the data's own for the
 * identity map.
 */
export function standardizeDataset(s: Standardizer, data: Dataset): Dataset {
  return {
    ...data,
    x: standardizeX(s, data.x),
    y: standardizeY(s, data.y),
    ...(data.yByMember ? { yByMember: standardizeY(s, data.yByMember) } : {}),
  };
}
