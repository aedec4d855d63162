import { InvalidArgumentError } from "../errors.js";
import type { Dataset } from "./dataset.js";

/** One batch of rows from a RowSource: x [n, inputSize] and y [n, outputSize], row-major float32. */
export interface RowBatch {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly n: number;
}

/**
 * Training rows read in batches, for data larger than memory (Ensemble.fitStream). Core holds one
 * chunk at a time and never the whole set; a file reader (@rpf/columnar: Parquet, Arrow IPC)
 * implements it, or memoryRowSource for data already in memory. Every call to `batches` starts a
 * new pass from row 0 and yields the same rows in the same order: training reads the data once
 * for the standardizer's statistics and once per epoch.
 */
export interface RowSource {
  readonly inputSize: number;
  readonly outputSize: number;
  /** Rows in one pass; a pass yielding another count is refused (DataError). */
  readonly rows: number;
  /** A new pass over every row, in order, in batches of any size >= 1. */
  batches(): AsyncIterable<RowBatch>;
}

/**
 * A RowSource over a Dataset in memory, yielding views of `batchRows` rows (the last may be
 * shorter): for tests and for comparing a stream with an in-memory fit.
 * @throws {InvalidArgumentError} when batchRows is not a whole number >= 1, or the data has
 *   per-member targets (a stream has none).
 */
export function memoryRowSource(data: Dataset, batchRows = data.n): RowSource {
  if (!(Number.isSafeInteger(batchRows) && batchRows >= 1)) {
    throw new InvalidArgumentError(`batchRows must be a whole number >= 1, got ${batchRows}`, { field: "batchRows" });
  }
  if (data.yByMember) {
    throw new InvalidArgumentError("a row source has no per-member targets (yByMember): fit the data in memory", {
      field: "yByMember",
    });
  }
  const { x, y, n, inputSize, outputSize } = data;
  return {
    inputSize,
    outputSize,
    rows: n,
    async *batches() {
      for (let from = 0; from < n; from += batchRows) {
        const to = Math.min(n, from + batchRows);
        yield {
          x: x.subarray(from * inputSize, to * inputSize),
          y: y.subarray(from * outputSize, to * outputSize),
          n: to - from,
        };
      }
    },
  };
}
