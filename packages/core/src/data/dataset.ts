import { DataError, ShapeError } from "../errors.js";

/** Examples as flat row-major float32 arrays: x is [n, inputSize], y is [n, outputSize]. */
export interface Dataset {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly n: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /**
   * Optional targets that differ per member, [members, n, outputSize] row-major: member m trains on
   * yByMember[m] instead of y (bootstrapped DQN's per-member TD targets). y still serves what is
   * shared: the standardizer is fitted on y, and prediction ignores targets.
   */
  readonly yByMember?: Float32Array;
}

/**
 * The targets member `member` trains on, [n, outputSize]: its block of yByMember when the dataset
 * has per-member targets, else y (a view, not a copy).
 */
export function memberTargets(data: Dataset, member: number): Float32Array {
  const size = data.n * data.outputSize;
  return data.yByMember ? data.yByMember.subarray(member * size, (member + 1) * size) : data.y;
}

/**
 * A validated Dataset from flat arrays: x [n, inputSize] and y [n, outputSize], row-major; n = x.length / inputSize.
 * @throws {DataError} for fewer than one example (or an x length that is not a multiple of inputSize) or a non-finite value.
 * @throws {ShapeError} when y's length is not n × outputSize.
 */
export function createDataset(
  x: Float32Array | readonly number[],
  y: Float32Array | readonly number[],
  inputSize = 1,
  outputSize = 1,
): Dataset {
  const xs = x instanceof Float32Array ? x : Float32Array.from(x);
  const ys = y instanceof Float32Array ? y : Float32Array.from(y);
  const n = xs.length / inputSize;
  return validateDataset({ x: xs, y: ys, n, inputSize, outputSize });
}

/**
 * Checks lengths and finiteness; returns the dataset unchanged. yByMember, when present, must
 * hold whole [n, outputSize] blocks (its member count is checked against a spec where one is known:
 * validateFitRequest). Rows before `checkedRows` (default 0) are taken as checked for finiteness
 * already, as when the data extends a set checked before (an update): only the others' x and y are scanned.
 * @throws {DataError} for n that is not a whole number ≥ 1, or a non-finite value in x, y or yByMember.
 * @throws {ShapeError} when x is not [n, inputSize], y is not [n, outputSize], or yByMember is not [members, n, outputSize] for some members ≥ 1.
 */
export function validateDataset(data: Dataset, checkedRows = 0): Dataset {
  const { x, y, n, inputSize, outputSize } = data;
  if (!Number.isInteger(n) || n < 1) {
    throw new DataError(`a dataset needs at least one example, got ${n}`, { field: "n" });
  }
  if (x.length !== n * inputSize) {
    throw new ShapeError(`x has ${x.length} values; expected ${n} × ${inputSize}`, { field: "x" });
  }
  if (y.length !== n * outputSize) {
    throw new ShapeError(`y has ${y.length} values; expected ${n} × ${outputSize}`, { field: "y" });
  }
  assertFinite(x.subarray(checkedRows * inputSize), "x", inputSize, checkedRows);
  assertFinite(y.subarray(checkedRows * outputSize), "y", outputSize, checkedRows);
  const { yByMember } = data;
  if (yByMember) {
    const block = n * outputSize;
    if (yByMember.length === 0 || yByMember.length % block !== 0) {
      throw new ShapeError(
        `yByMember has ${yByMember.length} values; expected [members, ${n}, ${outputSize}], a positive multiple of ${block}`,
        { field: "yByMember" },
      );
    }
    assertFinite(yByMember, "yByMember", outputSize);
  }
  return data;
}

/**
 * Checks that every value is finite; `rowWidth` turns an index into the 0-based row the message
 * names, counted from `firstRow` (the row of values[0] when they are the tail of a larger set).
 * @throws {DataError} naming `field` and the row of the first NaN or ±Infinity.
 */
export function assertFinite(values: Float32Array, field: string, rowWidth = 1, firstRow = 0): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new DataError(
        `${field} row ${firstRow + Math.floor(i / rowWidth)} holds a non-finite value (${values[i]}); only finite numbers are accepted`,
        { field },
      );
    }
  }
}

/**
 * `count` evenly spaced points from `start` to `stop` inclusive (numpy's linspace), as float32.
 * The ends are the bounds themselves rounded to float32, so a bound reads back bit for bit (-0
 * included, which start + 0·step would turn into 0).
 */
export function linspace(start: number, stop: number, count: number): Float32Array {
  const out = new Float32Array(count);
  if (count === 1) {
    out[0] = start;
    return out;
  }
  const step = (stop - start) / (count - 1);
  for (let i = 0; i < count; i++) out[i] = i === 0 ? start : i === count - 1 ? stop : start + i * step;
  return out;
}
