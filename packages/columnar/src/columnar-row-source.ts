import { InvalidArgumentError, type RowSource } from "@rpf/core";
import { checkColumns } from "./column-batch.js";
import type { ColumnarTable } from "./columnar-table.js";

/** Which columns of a columnar file are inputs and which targets, by name. */
export interface ColumnSelection {
  readonly inputs: readonly string[];
  readonly targets: readonly string[];
}

/**
 * A RowSource (Ensemble.fitStream) over `table`: each of its batches split into x [n, inputs]
 * and y [n, targets] float32. The columns are checked here, before any training.
 * @throws {InvalidArgumentError} for a column the file lacks, or no input or no target column.
 * @throws {DataError} for a column that is not numeric; later passes throw DataError for a null
 *   or non-finite value (naming column and row).
 */
export function columnarRowSource(table: ColumnarTable, selection: ColumnSelection): RowSource {
  const { inputs, targets } = selection;
  if (inputs.length === 0 || targets.length === 0) {
    throw new InvalidArgumentError(`name at least one input and one target column of ${table.path}`, {
      field: inputs.length === 0 ? "inputs" : "targets",
    });
  }
  const wanted = [...inputs, ...targets];
  checkColumns(table.path, table.columns, wanted);
  const inputSize = inputs.length;
  const outputSize = targets.length;
  const width = inputSize + outputSize;
  return {
    inputSize,
    outputSize,
    rows: table.rows,
    async *batches() {
      for await (const { values, n } of table.batches(wanted)) {
        const x = new Float32Array(n * inputSize);
        const y = new Float32Array(n * outputSize);
        for (let i = 0; i < n; i++) {
          x.set(values.subarray(i * width, i * width + inputSize), i * inputSize);
          y.set(values.subarray(i * width + inputSize, (i + 1) * width), i * outputSize);
        }
        yield { x, y, n };
      }
    },
  };
}
