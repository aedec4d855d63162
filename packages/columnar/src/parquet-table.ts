import { DataError } from "@rpf/core";
import {
  type AsyncBuffer,
  asyncBufferFromFile,
  type FileMetaData,
  parquetMetadataAsync,
  parquetRead,
  type SchemaElement,
} from "hyparquet";
import type { ColumnInfo } from "./column-batch.js";
import { checkColumns, placeColumn } from "./column-batch.js";
import type { ColumnarTable, ValueBatch } from "./columnar-table.js";

const NUMERIC_PHYSICAL = new Set(["FLOAT", "DOUBLE", "INT32", "INT64"]);
const INTEGER_CONVERSIONS = new Set(["INT_8", "INT_16", "INT_32", "INT_64", "UINT_8", "UINT_16", "UINT_32", "UINT_64"]);

/** A leaf column is numeric when its physical type is a number and no logical type makes it a date, time or decimal. */
function isNumeric(element: SchemaElement): boolean {
  if (!element.type || !NUMERIC_PHYSICAL.has(element.type)) return false;
  if (element.converted_type && !INTEGER_CONVERSIONS.has(element.converted_type)) return false;
  return !element.logical_type || element.logical_type.type === "INTEGER";
}

function typeName(element: SchemaElement): string {
  const logical = element.logical_type?.type ?? element.converted_type;
  return logical ? `${element.type ?? "group"} (${logical})` : (element.type ?? "group");
}

/**
 * A Parquet file read by hyparquet: footer first, then one row group at a time, only the columns
 * asked for (byte ranges of the file, never the whole file). Memory per batch is one row group's
 * columns: files written with row groups of ~100k rows keep it small.
 * @throws {DataError} for a file hyparquet cannot read as Parquet (empty, truncated, not Parquet).
 */
export async function openParquet(path: string): Promise<ColumnarTable> {
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DataError(`cannot read ${path} as Parquet: ${(error as Error).message}`, { field: "data" }, error);
  }
  // The schema's first element is the root; flat files list one leaf per column after it.
  const columns: ColumnInfo[] = metadata.schema
    .slice(1)
    .filter((element) => !element.num_children)
    .map((element) => ({ name: element.name, type: typeName(element), numeric: isNumeric(element) }));
  return {
    format: "parquet",
    path,
    rows: Number(metadata.num_rows),
    columns,
    async *batches(wanted: readonly string[]): AsyncGenerator<ValueBatch> {
      checkColumns(path, columns, wanted);
      const width = wanted.length;
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const rows = Number(group.num_rows);
        const values = new Float32Array(rows * width);
        const rowEnd = groupStart + rows;
        const chunks: { name: string; data: ArrayLike<unknown>; rowStart: number }[] = [];
        try {
          await parquetRead({
            file,
            metadata,
            columns: [...wanted],
            rowStart: groupStart,
            rowEnd,
            onChunk: (chunk) =>
              chunks.push({ name: chunk.columnName, data: chunk.columnData, rowStart: chunk.rowStart }),
          });
        } catch (error) {
          throw new DataError(
            `cannot read rows ${groupStart}–${rowEnd - 1} of ${path}: ${(error as Error).message}`,
            { field: "data" },
            error,
          );
        }
        const covered = new Map<string, number>();
        for (const chunk of chunks) {
          const from = Math.max(groupStart, chunk.rowStart);
          const to = Math.min(rowEnd, chunk.rowStart + chunk.data.length);
          if (to <= from) continue;
          const [a, b] = [from - chunk.rowStart, to - chunk.rowStart];
          const part = ArrayBuffer.isView(chunk.data)
            ? (chunk.data as Float64Array).subarray(a, b)
            : (chunk.data as unknown[]).slice(a, b);
          placeColumn(path, chunk.name, part, values, width, wanted.indexOf(chunk.name), from - groupStart, from);
          covered.set(chunk.name, (covered.get(chunk.name) ?? 0) + (to - from));
        }
        for (const name of wanted) {
          if (covered.get(name) !== rows)
            throw new DataError(
              `${path}: column "${name}" gave ${covered.get(name) ?? 0} of row group's ${rows} rows`,
              { field: name },
            );
        }
        groupStart = rowEnd;
        if (rows > 0) yield { values, n: rows };
      }
    },
  };
}
