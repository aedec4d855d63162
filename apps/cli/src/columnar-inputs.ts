import { formatFloat32 } from "@rpf/core";

/** Inputs read from a Parquet or Arrow IPC file for `rpf predict --input`. */
export interface ColumnarInputs {
  readonly x: Float32Array;
  /** Each value as written to the output's input columns. */
  readonly given: string[];
  readonly n: number;
  readonly names: string[];
}

/**
 * The columns `names` of a Parquet or Arrow IPC file, all rows, [n, names] float32: the model's
 * training columns by name when it recorded them, else --x-cols, else every numeric column.
 * Prediction writes every row out, so the rows are held, unlike in training.
 * @throws {InvalidArgumentError} for a column the file lacks.
 * @throws {DataError} for an unreadable file, a column that is not numeric, or a null or non-finite cell.
 */
export async function readColumnarInputs(path: string, names: readonly string[] | undefined): Promise<ColumnarInputs> {
  const { openColumnarFile } = await import("@rpf/columnar");
  const table = await openColumnarFile(path);
  const columns = names ? [...names] : table.columns.filter((column) => column.numeric).map((column) => column.name);
  const x = new Float32Array(table.rows * columns.length);
  let at = 0;
  for await (const batch of table.batches(columns)) {
    x.set(batch.values, at);
    at += batch.values.length;
  }
  return { x, given: Array.from(x, formatFloat32), n: table.rows, names: columns };
}
