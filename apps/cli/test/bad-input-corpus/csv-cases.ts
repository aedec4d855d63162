import { mkdir } from "node:fs/promises";
import { EXIT_RUNTIME } from "../../src/exit-codes.js";
import { type AcceptedCase, type BadInputCase, badCsv, MIB, sparseFile, TRAIN, VALID_MODEL } from "./case.js";

const NOT_UTF8 = /holds bytes that are not UTF-8 .*save it as UTF-8/;
const NUL = /holds a NUL byte: it looks like a binary file, or UTF-16 text without a byte-order mark/;
const FLOAT32 = /is beyond the float32 range \(±3\.4028235e38\)/;
const NO_HEADER =
  /line 1 holds only numbers \("0\.1", "1\.0"\), so it has no header row: a header row naming the columns is required/;

/** Encodings, delimiters, quoting, huge values, empty lines, binary files and sizes. */
export const badCsvs: BadInputCase[] = [
  badCsv("utf16le-no-bom.csv", "UTF-16LE without a byte-order mark", "line 1", NUL),
  badCsv("latin1-header.csv", "Latin-1 bytes in the header", "line 1", NOT_UTF8),
  badCsv("latin1-cell.csv", "Latin-1 bytes in a cell", "line 3", NOT_UTF8),
  badCsv("nul-byte-in-a-cell.csv", "a NUL byte in a cell", "line 3", NUL),
  badCsv("nul-byte-in-the-header.csv", "a NUL byte in the header", "line 1", NUL),
  badCsv("binary.csv", "a binary file", NUL),
  badCsv("gzipped.csv", "a gzip-compressed CSV", "is compressed with gzip", "decompress it"),
  badCsv("workbook.xlsx", "an Excel workbook (a ZIP archive)", "is a ZIP archive", "export the sheet as CSV"),
  badCsv("semicolons-decimal-commas.csv", "semicolons with decimal commas", '"-0,5" is not a number', "with a point"),
  badCsv("mixed-delimiters.csv", "commas and a semicolon mixed", "line 3 has 1 cells; the header has 2"),
  badCsv("unbalanced-quote.csv", "an unbalanced quote", "line 3: quoted field unterminated", 'written ""'),
  badCsv("quote-after-number.csv", "a stray quote after a number", 'line 2, column "y": "0.25\\"" is not a number'),
  badCsv("text-after-closing-quote.csv", "text after a closing quote", "line 2: trailing quote", "closing quote"),
  badCsv("value-1e400.csv", "1e400", 'line 3, column "y": 1e400', FLOAT32),
  badCsv("value-beyond-float64.csv", "a value beyond float64 (1.8e316)", "17976931348623157e300", FLOAT32),
  badCsv("value-beyond-float32.csv", "1e39: finite in float64, not in float32", 'column "x": 1e39', FLOAT32),
  badCsv("negative-beyond-float32.csv", "-3.5e38", "-3.5e38", FLOAT32),
  badCsv("long-number.csv", "a 5000-digit number, quoted only in part", /"9{40}…" \(5000 characters\)/, FLOAT32),
  badCsv("long-text-cell.csv", "a 3000-character cell, quoted only in part", /"(abc){13}a…" \(3000 characters\)/),
  badCsv("only-blank-lines.csv", "only blank lines", "is empty; a header row and at least one data row are needed"),
  badCsv("empty-cell.csv", "an empty cell", 'line 3, column "y": "" is not a number'),
  badCsv("hex-number.csv", "a hexadecimal number", '"0x10" is not a number'),
  badCsv("duplicate-column.csv", "a column named twice", 'header names column "x" twice'),
  badCsv("one-column.csv", "one column only", "needs at least two columns"),
  // It trained on 3 of its 4 rows, under columns named 0.1 and 1.0.
  badCsv("no-header.csv", "no header row (0.1,1.0 / 0.2,2.0 / 0.3,3.0 / 0.4,4.5)", NO_HEADER),
  {
    category: "csv",
    name: "a directory as --data",
    inputs: [{ name: "folder", make: async (path) => void (await mkdir(path)) }],
    args: [...TRAIN, "--data", "folder"],
    code: EXIT_RUNTIME,
    mentions: ["folder is a directory, not a file"],
  },
  {
    category: "csv",
    name: "a 257 MiB CSV, above the 256 MiB cap (refused before reading)",
    inputs: [{ name: "huge.csv", make: sparseFile(257 * MIB) }],
    args: [...TRAIN, "--data", "huge.csv"],
    code: EXIT_RUNTIME,
    mentions: ["huge.csv is 269484032 bytes (257 MiB); at most 268435456 bytes (256 MiB) are accepted"],
  },
  {
    category: "csv",
    name: "/dev/zero as --data: no size, no end (reading stops at the cap)",
    inputs: [],
    args: [...TRAIN, "--data", "/dev/zero"],
    code: EXIT_RUNTIME,
    mentions: ["/dev/zero goes on past 268435456 bytes (256 MiB), the most accepted; reading stopped there"],
    skip: process.platform !== "linux" && "/dev/zero is a Linux device",
  },
  // predict --input reads CSVs through the same reader: a few of the above, there.
  ...[
    { file: "utf16le-no-bom.csv", says: NUL },
    { file: "latin1-cell.csv", says: NOT_UTF8 },
    { file: "value-beyond-float32.csv", says: FLOAT32 },
    { file: "no-header.csv", says: NO_HEADER },
  ].map(
    ({ file, says }): BadInputCase => ({
      category: "csv",
      name: `${file} as predict --input`,
      inputs: [VALID_MODEL, { fixture: `csv/${file}` }],
      args: ["predict", "--model", "valid.json", "--input", file, "--x-cols", "x"],
      code: EXIT_RUNTIME,
      mentions: [file, says],
    }),
  ),
];

/** Each holds the same 4 rows of x,y: the header must come out as the names x and y. */
export const acceptedCsvs: AcceptedCase[] = [
  "utf8-bom.csv",
  "utf16le-bom.csv",
  "utf16be-bom.csv",
  "semicolons.csv",
  "tabs.csv",
  "line-ends-cr-only.csv",
  "blank-lines-in-the-middle.csv",
  "blank-lines-at-the-end.csv",
].map((file) => ({
  name: file,
  inputs: [{ fixture: `csv/${file}` }],
  args: [...TRAIN, "--data", file, "--out", "model.json"],
  rows: 4,
}));
