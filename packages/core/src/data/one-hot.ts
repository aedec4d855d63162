import { InvalidArgumentError } from "../errors.js";
import { MAX_CLASSES, MIN_CLASSES } from "../spec/caps.js";

/**
 * Class indices as one-hot rows, the targets of the "categorical" head: row i has a 1 at column
 * classIndex[i] and 0 elsewhere.
 * @param classIndex [n] class indices, each an integer in [0, classCount).
 * @param classCount K, from MIN_CLASSES to MAX_CLASSES.
 * @returns float32 [n, K], row-major.
 * @throws {InvalidArgumentError} for a classCount outside [MIN_CLASSES, MAX_CLASSES] or an index
 *   that is not an integer in [0, classCount) (naming its row).
 */
export function oneHot(classIndex: ArrayLike<number>, classCount: number): Float32Array {
  if (!Number.isInteger(classCount) || classCount < MIN_CLASSES || classCount > MAX_CLASSES) {
    throw new InvalidArgumentError(
      `classCount must be an integer from ${MIN_CLASSES} to ${MAX_CLASSES}, got ${classCount}`,
      { field: "classCount", accepted: `an integer from ${MIN_CLASSES} to ${MAX_CLASSES}` },
    );
  }
  const out = new Float32Array(classIndex.length * classCount);
  for (let i = 0; i < classIndex.length; i++) {
    const k = classIndex[i]!;
    if (!Number.isInteger(k) || k < 0 || k >= classCount) {
      throw new InvalidArgumentError(
        `class index at row ${i} is ${k}; a class index is an integer from 0 to ${classCount - 1}`,
        { field: "classIndex", accepted: `an integer from 0 to ${classCount - 1}` },
      );
    }
    out[i * classCount + k] = 1;
  }
  return out;
}

/**
 * Checks that y [n, classCount] is one-hot, as the "categorical" head trains on: every entry 0 or
 * 1 and exactly one 1 per row.
 * @throws {InvalidArgumentError} naming the first row that is not one-hot (field "y").
 */
export function assertOneHot(y: Float32Array, classCount: number): void {
  const n = y.length / classCount;
  for (let i = 0; i < n; i++) {
    let ones = 0;
    let other = false;
    for (let k = 0; k < classCount; k++) {
      const v = y[i * classCount + k]!;
      if (v === 1) ones += 1;
      else if (v !== 0) other = true;
    }
    if (other || ones !== 1) {
      throw new InvalidArgumentError(
        `y row ${i} is not one-hot (${other ? "a value other than 0 and 1" : `${ones} ones`}); the categorical head trains on rows with exactly one 1 and zeros elsewhere (oneHot builds them from class indices)`,
        { field: "y", accepted: "one-hot rows: exactly one 1, the rest 0" },
      );
    }
  }
}
