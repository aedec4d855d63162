import { DataError, ShapeError } from "../errors.js";
import type { Dataset } from "./dataset.js";
import type { RowSource } from "./row-source.js";

/** One chunk of a pass over a RowSource: `data` holds rows [firstRow, firstRow + data.n). */
export interface StreamChunk {
  /** 0, 1, 2, … within the pass. */
  readonly index: number;
  readonly firstRow: number;
  readonly data: Dataset;
}

/**
 * A pass over `source` cut into chunks of exactly `chunkRows` rows (the last may be shorter),
 * whatever batch sizes the source yields: chunk boundaries, and so every result keyed by chunk,
 * depend on chunkRows alone, not on a file's row groups or record batches. Each chunk is a copy.
 * @throws {ShapeError} for a batch whose x or y length is not n × the source's widths.
 * @throws {DataError} for a non-finite value (naming its row in the whole pass), or a pass whose
 *   row count is not source.rows.
 */
export async function* streamChunks(source: RowSource, chunkRows: number): AsyncGenerator<StreamChunk> {
  const { inputSize, outputSize } = source;
  let x = new Float32Array(chunkRows * inputSize);
  let y = new Float32Array(chunkRows * outputSize);
  let filled = 0;
  let index = 0;
  let passed = 0;
  const take = (): StreamChunk => {
    const chunk = {
      index,
      firstRow: passed - filled,
      data: {
        x: x.subarray(0, filled * inputSize),
        y: y.subarray(0, filled * outputSize),
        n: filled,
        inputSize,
        outputSize,
      },
    };
    index += 1;
    x = new Float32Array(chunkRows * inputSize);
    y = new Float32Array(chunkRows * outputSize);
    filled = 0;
    return chunk;
  };
  for await (const batch of source.batches()) {
    if (
      !(Number.isSafeInteger(batch.n) && batch.n >= 0) ||
      batch.x.length !== batch.n * inputSize ||
      batch.y.length !== batch.n * outputSize
    ) {
      throw new ShapeError(
        `a row batch of ${batch.n} rows has ${batch.x.length} x and ${batch.y.length} y values; expected ${inputSize} and ${outputSize} per row`,
        { field: "rows" },
      );
    }
    for (let from = 0; from < batch.n; ) {
      const count = Math.min(batch.n - from, chunkRows - filled);
      const xs = batch.x.subarray(from * inputSize, (from + count) * inputSize);
      const ys = batch.y.subarray(from * outputSize, (from + count) * outputSize);
      assertFiniteRows(xs, inputSize, passed, "x");
      assertFiniteRows(ys, outputSize, passed, "y");
      x.set(xs, filled * inputSize);
      y.set(ys, filled * outputSize);
      filled += count;
      passed += count;
      from += count;
      if (filled === chunkRows) yield take();
    }
  }
  if (filled > 0) yield take();
  if (passed !== source.rows) {
    throw new DataError(`the row source promised ${source.rows} rows and gave ${passed} in one pass`, {
      field: "rows",
    });
  }
}

/** @throws {DataError} naming the pass-wide row of the first non-finite value. */
function assertFiniteRows(values: Float32Array, width: number, firstRow: number, field: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new DataError(
        `${field} row ${firstRow + Math.floor(i / width)} holds a non-finite value (${values[i]}); only finite numbers are accepted`,
        { field },
      );
    }
  }
}
