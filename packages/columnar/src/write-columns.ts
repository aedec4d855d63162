import { writeFileSync } from "node:fs";
import { Table, tableFromArrays, tableToIPC } from "apache-arrow";
import { fileWriter, ParquetWriter } from "hyparquet-writer";

/** One column of one row group or record batch: numbers, or anything else to test refusals. */
export interface ColumnValues {
  readonly name: string;
  readonly values: Float64Array | Float32Array | Int32Array | readonly (number | string | null)[];
}

/** The Parquet type a column is written as: typed arrays by their element, plain arrays by their first non-null value. */
function parquetType(values: ColumnValues["values"]): "DOUBLE" | "FLOAT" | "INT32" | "STRING" {
  if (values instanceof Float32Array) return "FLOAT";
  if (values instanceof Int32Array) return "INT32";
  if (values instanceof Float64Array) return "DOUBLE";
  return values.some((value) => typeof value === "string") ? "STRING" : "DOUBLE";
}

/**
 * Writes a Parquet file with hyparquet-writer, one row group per element of `groups` (each the
 * same columns), one group in memory at a time: for tests and for the streaming bench's 10 M rows.
 */
export function writeParquetColumns(path: string, groups: Iterable<readonly ColumnValues[]>): void {
  let writer: ParquetWriter | null = null;
  for (const group of groups) {
    const columnData = group.map(({ name, values }) => ({
      name,
      data: values as never,
      type: parquetType(values),
      nullable: !ArrayBuffer.isView(values),
    }));
    const rows = group[0]?.values.length ?? 0;
    writer ??= new ParquetWriter({
      writer: fileWriter(path),
      schema: [
        { name: "root", num_children: columnData.length },
        ...columnData.map(({ name, type, nullable }) => ({
          name,
          repetition_type: nullable ? ("OPTIONAL" as const) : ("REQUIRED" as const),
          ...(type === "STRING"
            ? {
                type: "BYTE_ARRAY" as const,
                converted_type: "UTF8" as const,
                logical_type: { type: "STRING" as const },
              }
            : { type }),
        })),
      ],
    });
    writer.write({ columnData, rowGroupSize: Math.max(1, rows) });
  }
  writer?.finish();
}

/** Writes an Arrow IPC file (file format) with apache-arrow, one record batch per element of `batches`. */
export function writeArrowColumns(path: string, batches: Iterable<readonly ColumnValues[]>): void {
  const tables = [...batches].map((batch) =>
    tableFromArrays(
      Object.fromEntries(batch.map(({ name, values }) => [name, values])) as Record<string, Float64Array>,
    ),
  );
  const batchesOf = tables.flatMap((table) => table.batches);
  writeFileSync(path, tableToIPC(new Table(batchesOf), "file"));
}
