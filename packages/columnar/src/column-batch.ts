import { DataError, InvalidArgumentError } from "@rpf/core";

/** A file's column and whether rpf can train on it (numeric), with its type as the file names it. */
export interface ColumnInfo {
  readonly name: string;
  /** The file's own type name: "DOUBLE", "INT64" (Parquet), "Float64", "Utf8" (Arrow). */
  readonly type: string;
  readonly numeric: boolean;
}

/** What numeric columns may be, in the words of error messages. */
export const ACCEPTED_TYPES = "numeric columns (float32, float64, int8–int64, uint8–uint64) without nulls";

/**
 * Checks that every requested column exists and is numeric.
 * @throws {InvalidArgumentError} naming a missing column and the file's numeric columns.
 * @throws {DataError} naming a column that is not numeric, its type, and what is accepted.
 */
export function checkColumns(file: string, columns: readonly ColumnInfo[], wanted: readonly string[]): void {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const numeric = columns.filter((column) => column.numeric).map((column) => column.name);
  for (const name of wanted) {
    const column = byName.get(name);
    if (!column) {
      throw new InvalidArgumentError(
        `${file} has no column "${name}"; its numeric columns are: ${numeric.join(", ") || "(none)"}`,
        { field: "columns", accepted: numeric.join(", ") },
      );
    }
    if (!column.numeric) {
      throw new DataError(`${file}: column "${name}" has type ${column.type}; only ${ACCEPTED_TYPES} are accepted`, {
        field: name,
        accepted: ACCEPTED_TYPES,
      });
    }
  }
}

/**
 * Writes one decoded column's values into column `column` of a row-major [rows, width] float32
 * array, from row `at` on, checking each value.
 * @throws {DataError} naming the column and the file-wide row of a null or non-finite value.
 */
export function placeColumn(
  file: string,
  name: string,
  values: ArrayLike<unknown>,
  out: Float32Array,
  width: number,
  column: number,
  at: number,
  firstRow: number,
): void {
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    const value = typeof raw === "bigint" ? Number(raw) : raw;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new DataError(
        `${file}: column "${name}" holds ${value === null || value === undefined ? "a null" : String(value)} at row ${firstRow + i}; only ${ACCEPTED_TYPES} and finite values are accepted`,
        { field: name, accepted: ACCEPTED_TYPES },
      );
    }
    out[(at + i) * width + column] = value;
  }
}
