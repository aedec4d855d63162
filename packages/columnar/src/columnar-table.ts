import type { ColumnInfo } from "./column-batch.js";

/** Values of the requested columns for n rows, row-major [n, columns] float32. */
export interface ValueBatch {
  readonly values: Float32Array;
  readonly n: number;
}

/** An open columnar file: its row count, its columns, and passes over chosen columns. */
export interface ColumnarTable {
  readonly format: "parquet" | "arrow";
  readonly path: string;
  readonly rows: number;
  readonly columns: readonly ColumnInfo[];
  /**
   * A new pass over every row, in the file's batches (Parquet row groups, Arrow record batches),
   * of the named columns in the order given.
   * @throws {InvalidArgumentError} for a column the file lacks.
   * @throws {DataError} for a column that is not numeric, or a null or non-finite value (naming column and row).
   */
  batches(columns: readonly string[]): AsyncIterable<ValueBatch>;
}
