import Papa from "papaparse";

/**
 * A real data set as a table of complete rows: the input columns first, the target last. Kept as
 * the package ships its values (numbers, and strings for class labels) so that splits can be
 * written to CSV for `rpf` and for the PyTorch peer alike.
 */
export interface TabularData {
  /** A short name for reports: "boston", "auto-mpg", "penguins". */
  readonly name: string;
  /** The npm package and file the rows come from. */
  readonly source: string;
  readonly license: string;
  /** Input column names, in order. */
  readonly inputs: readonly string[];
  readonly target: string;
  /** Complete rows: the inputs in `inputs` order, then the target. */
  readonly rows: readonly (readonly (number | string)[])[];
  /** Rows of the package's file left out because a value needed here was missing. */
  readonly dropped: number;
}

/** CSV text (header, then the chosen rows in the given order) through papaparse's writer. */
export function toCsv(data: TabularData, rowIndices: ArrayLike<number> = [...data.rows.keys()]): string {
  const rows = Array.from(rowIndices, (index) => {
    const row = data.rows[index];
    if (!row) throw new RangeError(`${data.name} has ${data.rows.length} rows; row ${index} was asked for`);
    return row;
  });
  return `${Papa.unparse({ fields: [...data.inputs, data.target], data: rows }, { newline: "\n" })}\n`;
}
