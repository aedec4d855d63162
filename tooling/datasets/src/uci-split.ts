import { keyFromSeed, permutation } from "@rpf/core/random";

/** Row indices of one random train/test split. */
export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * The UCI protocol's random split (Hernández-Lobato & Adams 2015): split `seed` shuffles the rows
 * with core's Threefry permutation keyed by `keyFromSeed(seed)`, and the last
 * round(n · testFraction) rows of the shuffled order form the test set. Anyone with rpf's core can
 * redo every split exactly.
 * @throws {RangeError} when either side would be empty.
 * @throws {InvalidArgumentError} when seed is not an integer in [0, 2^53 − 1].
 */
export function uciSplit(rows: number, seed: number, testFraction = 0.1): Split {
  const testRows = Math.round(rows * testFraction);
  if (testRows < 1 || testRows >= rows) {
    throw new RangeError(`a ${testFraction} test fraction of ${rows} rows leaves an empty side`);
  }
  const order = permutation(keyFromSeed(seed), rows);
  return { train: order.slice(0, rows - testRows), test: order.slice(rows - testRows) };
}
