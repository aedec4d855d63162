import Papa from "papaparse";
import { DataError, InvalidArgumentError } from "../errors.js";
import { FLOAT32_RANGE, isFiniteFloat32 } from "../float32/finite-float32.js";
import { assertDistinctNames, matchInputColumns } from "./columns.js";
import type { Dataset } from "./dataset.js";

/** Which CSV columns a training set reads: inputs and one target, by header name. */
export interface CsvColumns {
  /** Input columns; default: every column except the target. */
  xCols?: readonly string[];
  /** Target column; default: the last column. */
  yCol?: string;
}

/** A parsed CSV: its header and its data rows as text cells, before any column is read as numbers. */
export interface CsvTable {
  readonly header: readonly string[];
  /** Data rows with their 1-based line numbers in the file (the header is line 1). */
  readonly rows: readonly { line: number; cells: readonly string[] }[];
}

/** A cell that reads as a number (finite unless beyond float64's range, as "1e999"). */
export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;
/** Cells and names longer than this are shortened in messages, so an error stays one readable line. */
const MAX_QUOTED = 40;

/** A cell or column name as messages quote it: JSON, cut short when long. */
export function quote(text: string): string {
  if (text.length <= MAX_QUOTED) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED)).slice(0, -1)}…" (${text.length} characters)`;
}

/** How many names a message quotes from a header that holds only numbers. */
const SHOWN_NAMES = 3;

/**
 * A header row made only of numbers is the first data row of a file without a header: taking it
 * as column names would train on one row fewer, under columns named like "0.1". rpf needs the
 * header, so such a file is refused; a header with at least one name that is not a number is
 * read as a header.
 */
function refuseNumericHeader(header: readonly string[], line: number, source: string): void {
  if (!header.every((name) => NUMBER_PATTERN.test(name))) return;
  const shown = header.slice(0, SHOWN_NAMES).map(quote).join(", ");
  const more = header.length > SHOWN_NAMES ? ", …" : "";
  throw new DataError(
    `${source} line ${line} holds only numbers (${shown}${more}), so it has no header row: a header row naming the columns is required (e.g. x,y) before the data`,
    { where: `${source}:${line}` },
  );
}

/**
 * Parses CSV text with a header row. Accepts a UTF-8 byte-order mark, CRLF line ends, quoted
 * cells and blank lines; rejects ragged rows, files without data and files whose first row holds
 * only numbers (no header), naming the line.
 * @throws {DataError} for empty text, an unclosed quote, a header of numbers only, an empty or repeated
 *   column name, no data rows or a ragged row, naming the line.
 */
export function parseCsvTable(text: string, source = "CSV"): CsvTable {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "")
    throw new DataError(`${source} is empty; a header row and at least one data row are needed`, { where: source });
  // Papa counts a blank line as a one-cell row when guessing, so a two-column ";" or tab file with a
  // trailing newline would be read as one column: guess on the non-blank lines, then parse them all
  // (blank lines kept, so line numbers stay true).
  const { delimiter } = Papa.parse<string[]>(body, {
    skipEmptyLines: "greedy",
    delimitersToGuess: [",", "\t", ";", "|"],
    preview: 10,
  }).meta;
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter });
  const quoteError = parsed.errors.find((e) => e.type === "Quotes");
  if (quoteError) {
    const line = (quoteError.row ?? 0) + 1;
    throw new DataError(
      `${source} line ${line}: ${quoteError.message.toLowerCase()} (a quoted cell ends with a closing quote; a quote inside it is written "")`,
      { where: `${source}:${line}` },
    );
  }
  const lines = parsed.data.map((cells, i) => ({ line: i + 1, cells }));
  const nonBlank = lines.filter(({ cells }) => !(cells.length === 1 && cells[0]!.trim() === ""));
  const [headerLine, ...rows] = nonBlank;
  if (!headerLine) throw new DataError(`${source} has no header row`, { where: source });
  const header = headerLine.cells.map((name) => name.trim());
  refuseNumericHeader(header, headerLine.line, source);
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "")
      throw new DataError(`${source} header has an empty column name`, { where: `${source}:${headerLine.line}` });
    if (seen.has(name))
      throw new DataError(`${source} header names column ${quote(name)} twice`, {
        where: `${source}:${headerLine.line}`,
      });
    seen.add(name);
  }
  if (rows.length === 0) {
    throw new DataError(`${source} has a header but no data rows`, { where: source });
  }
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new DataError(`${source} line ${row.line} has ${row.cells.length} cells; the header has ${header.length}`, {
        where: `${source}:${row.line}`,
      });
    }
  }
  return { header, rows };
}

function columnIndex(table: CsvTable, name: string, source: string, role: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw new InvalidArgumentError(
      `${source} has no column "${name}" (${role}); its columns are: ${table.header.join(", ")}`,
      { field: role, accepted: table.header.join(", ") },
    );
  }
  return index;
}

function parseCell(cell: string, line: number, column: string, source: string): number {
  const text = cell.trim();
  const where = `${source} line ${line}, column ${quote(column)}`;
  if (!NUMBER_PATTERN.test(text)) {
    const reason = /^[+-]?(nan|inf(inity)?)$/i.test(text)
      ? "is not a finite number"
      : DECIMAL_COMMA.test(text)
        ? "is not a number (write decimals with a point, not a comma)"
        : "is not a number";
    throw new DataError(`${where}: ${quote(cell)} ${reason}`, { where: `${source}:${line}`, field: column });
  }
  const value = Number(text);
  // The ensemble computes in float32: a value that rounds to Infinity there is refused; one that
  // rounds to the largest float32 (3.4028235e38, that float32's own shortest form) is not.
  if (!isFiniteFloat32(value)) {
    const shown = text.length <= MAX_QUOTED ? text : quote(text);
    throw new DataError(`${where}: ${shown} is beyond the float32 range (${FLOAT32_RANGE})`, {
      where: `${source}:${line}`,
      field: column,
    });
  }
  return value;
}

function readColumns(table: CsvTable, indices: readonly number[], source: string): Float32Array {
  const out = new Float32Array(table.rows.length * indices.length);
  table.rows.forEach((row, r) => {
    indices.forEach((index, c) => {
      out[r * indices.length + c] = parseCell(row.cells[index]!, row.line, table.header[index]!, source);
    });
  });
  return out;
}

/** Input columns as float32 and as their cells were written (trimmed), both row-major [n, width]. */
function readInputColumns(
  table: CsvTable,
  indices: readonly number[],
  source: string,
): { x: Float32Array; cells: string[] } {
  const cells = table.rows.flatMap((row) => indices.map((index) => row.cells[index]!.trim()));
  return { x: readColumns(table, indices, source), cells };
}

/**
 * Resolves the x and y column names, applying the defaults.
 * @throws {DataError} for a file with fewer than two columns (and no x columns named) or a named column it lacks.
 * @throws {InvalidArgumentError} when no input column remains, a name repeats, or the target is also an input.
 */
export function resolveCsvColumns(
  table: CsvTable,
  columns: CsvColumns,
  source = "CSV",
): { xCols: string[]; yCol: string } {
  if (table.header.length < 2 && columns.xCols === undefined) {
    throw new DataError(`${source} needs at least two columns (inputs and a target); it has ${table.header.length}`, {
      where: source,
    });
  }
  const yCol = columns.yCol ?? table.header[table.header.length - 1]!;
  columnIndex(table, yCol, source, "y column");
  const xCols = columns.xCols ? [...columns.xCols] : table.header.filter((name) => name !== yCol);
  if (xCols.length === 0)
    throw new InvalidArgumentError(`no input columns were chosen from ${source}`, { field: "x columns" });
  assertDistinctNames(xCols, "x columns");
  if (xCols.includes(yCol))
    throw new InvalidArgumentError(`column "${yCol}" cannot be both an input and the target`, { field: "x columns" });
  return { xCols, yCol };
}

/**
 * The inputs of a labelled table as float32 [n, xCols.length], and where its target is: with the
 * model's columns, inputs matched to them by name (other columns ignored); otherwise training's
 * choice (`xCols`, or every column but the target).
 */
function labelledInputs(
  table: CsvTable,
  columns: CsvColumns & LabelledColumns,
  source: string,
): { x: Float32Array; xCols: string[]; yCol: string; yIndex: number } {
  const { modelColumns } = columns;
  if (!modelColumns) {
    const { xCols, yCol } = resolveCsvColumns(table, columns, source);
    const indices = xCols.map((name) => columnIndex(table, name, source, "x column"));
    return {
      x: readColumns(table, indices, source),
      xCols,
      yCol,
      yIndex: columnIndex(table, yCol, source, "y column"),
    };
  }
  const yCol = columns.yCol ?? table.header[table.header.length - 1]!;
  if (modelColumns.includes(yCol))
    throw new InvalidArgumentError(`column "${yCol}" is one of the model's inputs; it cannot be the target`, {
      field: "y column",
      accepted: `a column other than ${modelColumns.join(", ")}`,
    });
  const yIndex = columnIndex(table, yCol, source, "y column");
  const x = readColumns(
    table,
    matchInputColumns(modelColumns, table.header, { label: `${source}'s header`, allowExtra: true }),
    source,
  );
  return { x, xCols: [...modelColumns], yCol, yIndex };
}

/** Inputs as `labelledInputs` picks them and the target as y [n, 1]: training's and scoring's dataset alike. */
function labelledDataset(
  text: string,
  columns: CsvColumns & LabelledColumns,
  source: string,
): Dataset & { xCols: string[]; yCol: string } {
  const table = parseCsvTable(text, source);
  const { x, xCols, yCol, yIndex } = labelledInputs(table, columns, source);
  const y = readColumns(table, [yIndex], source);
  return { x, y, n: table.rows.length, inputSize: xCols.length, outputSize: 1, xCols, yCol };
}

/**
 * A training dataset from CSV text.
 * Inputs x [n, xCols.length] and target y [n, 1] as float32, with the columns read.
 * @throws {DataError} for text that is not a CSV with a header and data, a missing column, or a cell that is not a finite number.
 * @throws {InvalidArgumentError} when no input column remains, a name repeats, or the target is also an input.
 */
export function datasetFromCsv(
  text: string,
  columns: CsvColumns = {},
  source = "CSV",
): Dataset & { xCols: string[]; yCol: string } {
  return labelledDataset(text, columns, source);
}

/**
 * Which CSV columns a prediction reads: the model's recorded names, or (for a model without them) the ones given.
 */
export interface InputColumns {
  /** The model's recorded input columns: the CSV's columns are matched to them by name. */
  readonly modelColumns?: readonly string[];
  /** For a model without recorded names: the columns to read, in the model's input order. */
  readonly xCols?: readonly string[];
}

/**
 * Inputs only, for prediction, as x [n, width]. With the model's column names the header is
 * matched to them by name (other columns are ignored) and x comes out in the model's order;
 * without them, the named columns (or every column) are read in the order given. `x` holds them
 * as float32, row-major [n, xCols.length]; `cells` holds the same cells as written (trimmed), in
 * the same order, so output can echo the user's 16.6 and not its float32, 16.600000381469727.
 *
 * @throws {InvalidArgumentError} when the header lacks a model column or a named one, or a name repeats.
 * @throws {DataError} for a cell that is not a finite number.
 */
export function inputsFromCsv(
  text: string,
  columns: InputColumns = {},
  source = "CSV",
): { x: Float32Array; cells: string[]; n: number; xCols: string[] } {
  const table = parseCsvTable(text, source);
  if (columns.modelColumns) {
    const indices = matchInputColumns(columns.modelColumns, table.header, {
      label: `${source}'s header`,
      allowExtra: true,
    });
    return { ...readInputColumns(table, indices, source), n: table.rows.length, xCols: [...columns.modelColumns] };
  }
  const names = columns.xCols ? [...columns.xCols] : [...table.header];
  assertDistinctNames(names, "x columns");
  const indices = names.map((name) => columnIndex(table, name, source, "x column"));
  return { ...readInputColumns(table, indices, source), n: table.rows.length, xCols: names };
}

/** Which CSV columns `labelledDataFromCsv` reads: the model's recorded inputs and the target. */
export interface LabelledColumns {
  /** The model's recorded input columns: the CSV's columns are matched to them by name. */
  readonly modelColumns?: readonly string[];
  /** Target column; default: the last column. */
  readonly yCol?: string;
}

/**
 * Inputs and targets, for scoring a model on held-out data (`rpf evaluate`). The target is
 * `yCol`; the inputs are matched by name to the model's columns, as `inputsFromCsv` does (other
 * columns are ignored, order does not matter), or, for a model without recorded names, every
 * other column, as training takes them. x comes out [n, inputSize] in the model's order, y [n, 1].
 *
 * @throws {InvalidArgumentError} when the header lacks the target or a model column, or the target
 *   is one of the model's inputs.
 * @throws {DataError} for a cell that is not a finite number.
 */
export function labelledDataFromCsv(
  text: string,
  columns: LabelledColumns = {},
  source = "CSV",
): Dataset & { xCols: string[]; yCol: string } {
  return labelledDataset(text, columns, source);
}

/** Inputs as numbers and the target column as text: a classifier's data, before labels become classes. */
export interface LabelledText {
  /** Inputs, float32 [n, xCols.length] row-major. */
  readonly x: Float32Array;
  /** Each row's target cell, trimmed (possibly empty: `classesOfLabels` refuses that, naming the line). */
  readonly labels: string[];
  /** Each row's 1-based line in the file. */
  readonly lines: number[];
  readonly n: number;
  readonly xCols: string[];
  readonly yCol: string;
}

/**
 * Inputs and a label column, for a categorical model: the inputs chosen and read as
 * `datasetFromCsv` (training: `xCols`/`yCol`) or `labelledDataFromCsv` (scoring: the model's
 * columns) read them, the target read as text, so "setosa" and "3" are both labels.
 * @throws {DataError} for text that is not a CSV with a header and data, a missing column, or an input cell that is not a finite number.
 * @throws {InvalidArgumentError} when no input column remains, a name repeats, or the target is also an input.
 */
export function labelledTextFromCsv(
  text: string,
  columns: CsvColumns & LabelledColumns = {},
  source = "CSV",
): LabelledText {
  const table = parseCsvTable(text, source);
  const { x, xCols, yCol, yIndex } = labelledInputs(table, columns, source);
  return {
    x,
    labels: table.rows.map((row) => row.cells[yIndex]!.trim()),
    lines: table.rows.map((row) => row.line),
    n: table.rows.length,
    xCols,
    yCol,
  };
}
