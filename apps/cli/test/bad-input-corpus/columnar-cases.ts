import { writeFile } from "node:fs/promises";
import { type ColumnValues, writeArrowColumns, writeParquetColumns } from "@rpf/columnar";
import { EXIT_RUNTIME, EXIT_USAGE } from "../../src/exit-codes.js";
import { type BadInputCase, TRAIN } from "./case.js";

/** Three numeric columns a, b, y over 20 rows, then whatever `extra` adds. */
function columns(extra: readonly ColumnValues[] = []): ColumnValues[][] {
  const n = 20;
  const a = Float64Array.from({ length: n }, (_, i) => i / n);
  return [
    [
      { name: "a", values: a },
      { name: "b", values: a.map((v) => 1 - v) },
      { name: "y", values: a.map((v) => 2 * v) },
      ...extra,
    ],
  ];
}

const WRITERS = {
  parquet: writeParquetColumns,
  arrow: writeArrowColumns,
} as const;

/** A columnar file given to `rpf train --data`, made at test time with the reader's own writer. */
function badColumnar(
  format: keyof typeof WRITERS,
  name: string,
  make: (path: string) => Promise<void> | void,
  args: readonly string[],
  code: number,
  ...mentions: (string | RegExp)[]
): BadInputCase {
  const file = `data.${format}`;
  return {
    category: "columnar",
    name: `${format}: ${name}`,
    inputs: [{ name: file, make: async (path) => void (await make(path)) }],
    args: [...TRAIN, "--data", file, ...args],
    code,
    mentions: [file, ...mentions],
  };
}

/** Parquet and Arrow IPC files streamed by `rpf train`: each refusal once per format. */
export const badColumnarFiles: BadInputCase[] = (["parquet", "arrow"] as const).flatMap((format) => {
  const write = (groups: ColumnValues[][]) => (path: string) => WRITERS[format](path, groups);
  return [
    badColumnar(
      format,
      "a missing --y-col",
      write(columns()),
      ["--y-col", "z"],
      EXIT_USAGE,
      'no column "z"',
      "a, b, y",
    ),
    badColumnar(format, "a missing --x-cols name", write(columns()), ["--x-cols", "a,c"], EXIT_USAGE, 'no column "c"'),
    badColumnar(
      format,
      "a column of strings",
      write(columns([{ name: "city", values: Array.from({ length: 20 }, (_, i) => `c${i}`) }])),
      ["--x-cols", "a,city"],
      EXIT_RUNTIME,
      'column "city" has type',
      "only numeric columns",
    ),
    badColumnar(
      format,
      "a null cell",
      write(columns([{ name: "w", values: Array.from({ length: 20 }, (_, i) => (i === 13 ? null : i)) }])),
      ["--x-cols", "a,w"],
      EXIT_RUNTIME,
      'column "w" holds a null at row 13',
    ),
    badColumnar(format, "an empty file", (path) => writeFile(path, ""), [], EXIT_RUNTIME, "cannot read"),
    badColumnar(
      format,
      "a CSV under its name",
      (path) => writeFile(path, "a,y\n1,2\n"),
      [],
      EXIT_RUNTIME,
      "cannot read",
    ),
    badColumnar(
      format,
      "--validation",
      write(columns()),
      ["--validation", "0.2"],
      EXIT_USAGE,
      "--validation cannot be used with a streamed --data",
    ),
  ];
});
