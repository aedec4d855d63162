import { type ColumnValues, writeParquetColumns } from "@rpf/columnar";
import { STREAM_COLUMNS, STREAM_ROW_GROUP } from "./stream-setup.js";

/**
 * Row group g of the bench data: x1…x4 on [−1, 1) from a fixed 32-bit LCG, y = sin(πx1) + x2·x3 −
 * x4²/2 plus noise of std ~0.1. A pure function of (g, rows), so every run writes the same file.
 */
function rowGroup(g: number, rows: number): ColumnValues[] {
  let state = (g * 2654435761 + 12345) >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  };
  const xs = STREAM_COLUMNS.slice(0, 4).map(() => new Float64Array(rows));
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (const x of xs) x[i] = uniform();
    const [a, b, c, d] = xs.map((x) => x[i]!);
    y[i] = Math.sin(Math.PI * a!) + b! * c! - d! ** 2 / 2 + 0.1 * (uniform() + uniform() + uniform());
  }
  return [...xs.map((values, k) => ({ name: STREAM_COLUMNS[k]!, values })), { name: "y", values: y }];
}

/** `node stream-generate.js FILE ROWS`: writes the bench's Parquet file with the reader's own writer, a group at a time. */
const [file, rowsText] = process.argv.slice(2);
if (file && rowsText) {
  const rows = Number(rowsText);
  writeParquetColumns(
    file,
    (function* () {
      for (let from = 0, g = 0; from < rows; from += STREAM_ROW_GROUP, g++)
        yield rowGroup(g, Math.min(STREAM_ROW_GROUP, rows - from));
    })(),
  );
}
