/**
 * `@rpf/columnar`: Parquet (hyparquet) and Arrow IPC (apache-arrow) files read in row batches, as
 * RowSources for Ensemble.fitStream. Core imports no file library; this package does.
 */
export { ACCEPTED_TYPES, type ColumnInfo } from "./column-batch.js";
export { type ColumnSelection, columnarRowSource } from "./columnar-row-source.js";
export type { ColumnarTable, ValueBatch } from "./columnar-table.js";
export { COLUMNAR_EXTENSIONS, isColumnarPath } from "./extensions.js";
export { openColumnarFile } from "./open-columnar.js";
export { type ColumnValues, writeArrowColumns, writeParquetColumns } from "./write-columns.js";
