import { NonFiniteOutputError } from "../errors.js";
import type { ClassPrediction } from "./classes.js";
import type { Prediction } from "./summary.js";

/** At most this many rows are named in a message; the rest are counted. */
const ROWS_SHOWN = 5;

/**
 * Rows (0-based) where any value of `arrays` is not finite. Each array is laid out
 * [blocks, n, width] with `width` values per row (members: blocks = members; mean: blocks = 1).
 */
function nonFiniteRows(arrays: readonly (Float32Array | Float64Array)[], n: number, width: number): number[] {
  if (arrays.every(allFinite)) return [];
  const bad = new Uint8Array(n);
  for (const values of arrays) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]!)) bad[Math.floor(i / width) % n] = 1;
    }
  }
  const rows: number[] = [];
  bad.forEach((flag, row) => {
    if (flag) rows.push(row);
  });
  return rows;
}

/**
 * Whether every value is finite: the fast path for the common case, one tight loop per array
 * (v − v is 0 for a finite v and NaN for ±Infinity and NaN).
 */
function allFinite(values: Float32Array | Float64Array): boolean {
  let acc = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    acc += v - v;
  }
  return acc === 0;
}

/** "rows 1 (x = -1e+38), 3 (x = 2) and 4 more", counting from 1. */
function describeRows(rows: readonly number[], x: Float32Array | undefined, inputSize: number): string {
  const shown = rows.slice(0, ROWS_SHOWN).map((row) => {
    if (!x) return String(row + 1);
    const inputs = Array.from(x.subarray(row * inputSize, (row + 1) * inputSize), (v) => Number(v.toPrecision(7)));
    return `${row + 1} (x = ${inputs.join(", ")})`;
  });
  const more = rows.length > ROWS_SHOWN ? ` and ${rows.length - ROWS_SHOWN} more` : "";
  return `${rows.length === 1 ? "row" : "rows"} ${shown.join(", ")}${more}`;
}

/**
 * Refuses a prediction with a value that is not finite: every member's output, the mean and the
 * std must be finite numbers. This is the one check every prediction goes through
 * (`Ensemble.predict` calls it), so no caller ever prints NaN or Infinity as a result.
 *
 * @param x - the inputs [n, inputSize], quoted in the message when given.
 * @throws {NonFiniteOutputError} naming the input rows (counted from 1) whose outputs are not
 *   finite; its `rows` holds them 0-based.
 */
export function assertFinitePrediction(prediction: Prediction, x?: Float32Array): void {
  const { n, outputSize } = prediction;
  const rows = nonFiniteRows(
    [prediction.members, prediction.prior, prediction.trainable, prediction.mean, prediction.std],
    n,
    outputSize,
  );
  refuseRows(rows, n, x);
}

/**
 * The same refusal for a "categorical" prediction: every member's logit and every probability
 * must be finite (`Ensemble.predictClasses` calls it).
 *
 * @param x - the inputs [n, inputSize], quoted in the message when given.
 * @throws {NonFiniteOutputError} naming the input rows (counted from 1) whose outputs are not finite.
 */
export function assertFiniteClassPrediction(prediction: ClassPrediction, x?: Float32Array): void {
  const { n, classCount } = prediction;
  refuseRows(nonFiniteRows([prediction.logits, prediction.probabilities], n, classCount), n, x);
}

function refuseRows(rows: readonly number[], n: number, x: Float32Array | undefined): void {
  if (rows.length === 0) return;
  const inputSize = x ? x.length / n : 0;
  throw new NonFiniteOutputError(
    `the ensemble's outputs at input ${describeRows(rows, x, inputSize)} are not finite: there a member's output is beyond float32's range (±3.4e38) or undefined, so there is no float32 answer; predict nearer the training data`,
    { field: "x", accepted: "inputs whose outputs are within float32's range" },
    [...rows],
  );
}

/**
 * The central interval mean ∓ k·std at every point, in float64, as [n, outputSize] arrays.
 *
 * @param sigmas - k, the interval's half-width in standard deviations.
 * @throws {NonFiniteOutputError} naming the rows (counted from 1) where a bound is not finite
 *   (a huge k times a large std).
 */
export function predictionInterval(
  prediction: Prediction,
  sigmas: number,
): { readonly lower: Float64Array; readonly upper: Float64Array } {
  const size = prediction.mean.length;
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    lower[i] = prediction.mean[i]! - sigmas * prediction.std[i]!;
    upper[i] = prediction.mean[i]! + sigmas * prediction.std[i]!;
  }
  const rows = nonFiniteRows([lower, upper], prediction.n, prediction.outputSize);
  if (rows.length > 0) {
    throw new NonFiniteOutputError(
      `the interval mean ∓ ${sigmas}·std is not finite at ${describeRows(rows, undefined, 0)}; choose a smaller k`,
      { field: "sigmas" },
      rows,
    );
  }
  return { lower, upper };
}

/**
 * JSON text, refusing any number that is not finite: JSON.stringify would silently write NaN and
 * ±Infinity as null. Every report rpf writes as JSON goes through here.
 *
 * @param space - indentation, as for JSON.stringify.
 * @throws {NonFiniteOutputError} naming the path of the first non-finite number (e.g. "finalLosses[2]").
 */
export function finiteJson(value: unknown, space?: number): string {
  const check = (item: unknown, at: string): void => {
    if (typeof item === "number" && !Number.isFinite(item)) {
      throw new NonFiniteOutputError(`${at || "the value"} is ${item}, not a finite number; nothing was written`, {
        field: at,
      });
    }
    if (Array.isArray(item)) {
      for (const [i, v] of item.entries()) check(v, `${at}[${i}]`);
    } else if (item !== null && typeof item === "object") {
      for (const [key, v] of Object.entries(item)) check(v, at ? `${at}.${key}` : key);
    }
  };
  check(value, "");
  return JSON.stringify(value, null, space);
}
