import { createReadStream } from "node:fs";
import { DataError } from "@rpf/core";
import { DataType, RecordBatchReader, type Schema } from "apache-arrow";
import { type ColumnInfo, checkColumns, placeColumn } from "./column-batch.js";
import type { ColumnarTable, ValueBatch } from "./columnar-table.js";

/** A reader over the file's record batches, one batch in memory at a time (file or stream IPC format). */
async function openReader(path: string) {
  try {
    const reader = await RecordBatchReader.from(createReadStream(path));
    await reader.open();
    return reader;
  } catch (error) {
    throw new DataError(`cannot read ${path} as Arrow IPC: ${(error as Error).message}`, { field: "data" }, error);
  }
}

/**
 * An Arrow IPC file (file or stream format) read by apache-arrow, one record batch at a time from
 * a file stream. The IPC format keeps row counts in each batch's header, not in one place, so
 * opening reads the file once to count its rows.
 * @throws {DataError} for a file apache-arrow cannot read as Arrow IPC (empty, truncated, not Arrow).
 */
export async function openArrow(path: string): Promise<ColumnarTable> {
  const counting = await openReader(path);
  const schema: Schema = counting.schema;
  if (!schema) throw new DataError(`cannot read ${path} as Arrow IPC: it has no schema`, { field: "data" });
  let rows = 0;
  try {
    for await (const batch of counting) rows += batch.numRows;
  } catch (error) {
    throw new DataError(`cannot read ${path} as Arrow IPC: ${(error as Error).message}`, { field: "data" }, error);
  }
  const columns: ColumnInfo[] = schema.fields.map((field) => ({
    name: field.name,
    type: String(field.type),
    numeric: DataType.isFloat(field.type) || DataType.isInt(field.type),
  }));
  return {
    format: "arrow",
    path,
    rows,
    columns,
    async *batches(wanted: readonly string[]): AsyncGenerator<ValueBatch> {
      checkColumns(path, columns, wanted);
      const width = wanted.length;
      let firstRow = 0;
      for await (const batch of await openReader(path)) {
        const n = batch.numRows;
        const values = new Float32Array(n * width);
        wanted.forEach((name, column) => {
          const vector = batch.getChild(name)!;
          if (vector.nullCount > 0) {
            let row = 0;
            while (vector.isValid(row)) row += 1;
            placeColumn(path, name, [null], values, width, column, row, firstRow + row);
          }
          placeColumn(path, name, vector.toArray() as ArrayLike<unknown>, values, width, column, 0, firstRow);
        });
        firstRow += n;
        if (n > 0) yield { values, n };
      }
    },
  };
}
