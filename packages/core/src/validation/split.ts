import type { Dataset } from "../data/dataset.js";
import { InvalidArgumentError } from "../errors.js";
import { memberKey } from "../members/keys.js";
import { permutation } from "../random/distributions.js";

/** The fewest rows a validation split leaves on either side. */
export const MIN_SPLIT_ROWS = 2;

/** Rows of a dataset split into the rows trained on and the rows held out. */
export interface ValidationSplit {
  readonly train: Dataset;
  readonly validation: Dataset;
  /** Indices into the original rows, ascending. */
  readonly trainRows: Uint32Array;
  readonly validationRows: Uint32Array;
}

/** The rows `indices` of `data`, in that order. */
export function selectRows(data: Dataset, indices: Uint32Array): Dataset {
  const { inputSize, outputSize } = data;
  const x = new Float32Array(indices.length * inputSize);
  const y = new Float32Array(indices.length * outputSize);
  indices.forEach((row, i) => {
    x.set(data.x.subarray(row * inputSize, (row + 1) * inputSize), i * inputSize);
    y.set(data.y.subarray(row * outputSize, (row + 1) * outputSize), i * outputSize);
  });
  return { x, y, n: indices.length, inputSize, outputSize };
}

/**
 * The number of rows held out of n for a fraction: round(fraction·n).
 * @throws {InvalidArgumentError} when fraction is not in (0, 1), or leaves fewer than MIN_SPLIT_ROWS
 *   rows on either side.
 */
export function validationCount(n: number, fraction: number): number {
  if (!(fraction > 0 && fraction < 1)) {
    throw new InvalidArgumentError(`the validation fraction must be in (0, 1), got ${fraction}`, {
      field: "validation",
      accepted: "a number in (0, 1), e.g. 0.1",
    });
  }
  const count = Math.round(fraction * n);
  if (count < MIN_SPLIT_ROWS || n - count < MIN_SPLIT_ROWS) {
    throw new InvalidArgumentError(
      `a validation fraction of ${fraction} of ${n} rows holds out ${count} and trains on ${n - count}; each side needs at least ${MIN_SPLIT_ROWS} rows`,
      { field: "validation", accepted: `a fraction leaving ${MIN_SPLIT_ROWS} or more rows on each side` },
    );
  }
  return count;
}

/**
 * Holds out round(fraction·n) rows chosen by a permutation drawn from key(seed, validationSplit):
 * the same seed and data size give the same split on every backend. The rows are disjoint and
 * together are all of `data`; each side keeps the original row order.
 * @throws {InvalidArgumentError} as validationCount.
 */
export function splitValidation(data: Dataset, fraction: number, seed: number): ValidationSplit {
  const count = validationCount(data.n, fraction);
  const order = permutation(memberKey(seed, "validationSplit", 0), data.n);
  const validationRows = order.slice(0, count).sort();
  const trainRows = order.slice(count).sort();
  return {
    train: selectRows(data, trainRows),
    validation: selectRows(data, validationRows),
    trainRows,
    validationRows,
  };
}
