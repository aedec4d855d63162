import type { TabularData } from "@rpf/datasets";

/** A labelled table as arrays: inputs float32 [rows, width], class indices into `classes`. */
export interface ClassTable {
  readonly x: Float32Array;
  readonly classIndex: Int32Array;
  readonly width: number;
  /** The labels, sorted by code-unit order as rpf's model files store them: index k ↔ classes[k]. */
  readonly classes: readonly string[];
}

/** `data`'s rows as a class table: every column but the last an input, the last the label. */
export function classTable(data: TabularData): ClassTable {
  const width = data.inputs.length;
  const labels = data.rows.map((row) => String(row[width]));
  const classes = [...new Set(labels)].sort();
  return {
    x: Float32Array.from(data.rows.flatMap((row) => row.slice(0, width).map(Number))),
    classIndex: Int32Array.from(labels, (label) => classes.indexOf(label)),
    width,
    classes,
  };
}
