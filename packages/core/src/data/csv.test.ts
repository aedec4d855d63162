import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataError, InvalidArgumentError } from "../errors.js";
import { FLOAT32_MAX, isFiniteFloat32 } from "../float32/finite-float32.js";
import { formatFloat32 } from "../float32/shortest-float32.js";
import { datasetFromCsv, inputsFromCsv, parseCsvTable, resolveCsvColumns } from "./csv.js";

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}

describe("parseCsvTable", () => {
  it("reads a header and rows with 1-based line numbers", () => {
    const table = parseCsvTable("x,y\n1,2\n3,4\n");
    expect(table.header).toEqual(["x", "y"]);
    expect(table.rows).toEqual([
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
    ]);
  });

  it("accepts a byte-order mark, CRLF line ends and blank lines, keeping true line numbers", () => {
    const table = parseCsvTable("\uFEFFx,y\r\n\r\n1,2\r\n   \r\n3,4\r\n\r\n");
    expect(table.header).toEqual(["x", "y"]);
    expect(table.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(table.rows[1]!.cells).toEqual(["3", "4"]);
  });

  it("trims header names", () => {
    expect(parseCsvTable(" x , y \n1,2").header).toEqual(["x", "y"]);
  });

  it.each([
    ["semicolons", "x;y\n1.5;2\n3;4"],
    ["tabs", "x\ty\n1.5\t2\n3\t4"],
    ["pipes", "x|y\n1.5|2\n3|4"],
    ["semicolons, with a trailing newline", "x;y\n1.5;2\n3;4\n"],
    ["tabs, with blank lines", "x\ty\n\n1.5\t2\n\n3\t4\n\n"],
  ])("guesses %s as the delimiter", (_label, text) => {
    const table = parseCsvTable(text);
    expect(table.header).toEqual(["x", "y"]);
    expect(table.rows[0]!.cells).toEqual(["1.5", "2"]);
  });

  it("rejects empty text", () => {
    for (const text of ["", "   \n\n", "\uFEFF"]) {
      const error = thrown(() => parseCsvTable(text, "data.csv"));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toMatch(/data\.csv is empty/);
    }
  });

  it("rejects a header with no rows", () => {
    const error = thrown(() => parseCsvTable("x,y\n\n", "data.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/data\.csv has a header but no data rows/);
  });

  it("rejects duplicate and empty header names", () => {
    expect(thrown(() => parseCsvTable("x,y,x\n1,2,3"))).toBeInstanceOf(DataError);
    expect(thrown(() => parseCsvTable("x,y,x\n1,2,3")).message).toMatch(/names column "x" twice/);
    expect(thrown(() => parseCsvTable("x,,y\n1,2,3")).message).toMatch(/empty column name/);
  });

  it("rejects ragged rows, naming the line", () => {
    const long = thrown(() => parseCsvTable("x,y\n1,2\n\n3,4,5\n", "data.csv"));
    expect(long).toBeInstanceOf(DataError);
    expect(long.message).toMatch(/data\.csv line 4 has 3 cells; the header has 2/);
    const short = thrown(() => parseCsvTable("x,y\n1\n"));
    expect(short.message).toMatch(/line 2 has 1 cells/);
  });

  it("refuses a file without a header (the issue's case: it trained on 3 of 4 rows, columns 0.1 and 1.0)", () => {
    const error = thrown(() => parseCsvTable("0.1,1.0\n0.2,2.0\n0.3,3.0\n0.4,4.5\n", "data.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(
      'data.csv line 1 holds only numbers ("0.1", "1.0"), so it has no header row: a header row naming the columns is required (e.g. x,y) before the data',
    );
  });

  it.each([
    ["one bare column", "0.1\n0.2\n0.3\n", /line 1 holds only numbers \("0\.1"\)/],
    ["a single data row", "0.1,1.0\n", /line 1 holds only numbers/],
    ["repeated numbers (not reported as a duplicate name)", "1,1\n2,2\n", /line 1 holds only numbers/],
    ["signs, exponents and spaces", " -1 ;+2e3; .5\n1;2;3\n", /line 1 holds only numbers \("-1", "\+2e3", "\.5"\)/],
    ["many columns, quoting three", "1,2,3,4,5\n1,2,3,4,5\n", /\("1", "2", "3", …\)/],
    ["blank lines before the data", "\n\n0.5,1\n", /line 3 holds only numbers/],
  ])("refuses a header row of numbers only: %s", (_label, text, message) => {
    const error = thrown(() => parseCsvTable(text, "data.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(message);
  });

  it("reads a header in which some names are numbers", () => {
    expect(parseCsvTable("year,2020,2021\n1,2,3\n").header).toEqual(["year", "2020", "2021"]);
    expect(parseCsvTable("NaN,Infinity\n1,2\n").header).toEqual(["NaN", "Infinity"]);
  });

  it("rejects an unterminated quote", () => {
    const error = thrown(() => parseCsvTable('x,y\n"1,2\n3,4\n'));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/line/);
  });
});

describe("datasetFromCsv", () => {
  it("takes the last column as y and the rest as x by default", () => {
    const data = datasetFromCsv("a,b,target\n1,2,3\n4,5,6\n");
    expect(data.xCols).toEqual(["a", "b"]);
    expect(data.yCol).toBe("target");
    expect(data.n).toBe(2);
    expect(data.inputSize).toBe(2);
    expect(Array.from(data.x)).toEqual([1, 2, 4, 5]);
    expect(Array.from(data.y)).toEqual([3, 6]);
  });

  it("honours chosen columns in the order given", () => {
    const data = datasetFromCsv("a,b,c\n1,2,3\n4,5,6\n", { xCols: ["c", "a"], yCol: "b" });
    expect(Array.from(data.x)).toEqual([3, 1, 6, 4]);
    expect(Array.from(data.y)).toEqual([2, 5]);
  });

  it("accepts quoted numbers, signs, exponents and surrounding spaces", () => {
    const data = datasetFromCsv('x,y\n"1.5", -2e-1\n+.5,"3."\n');
    expect(Array.from(data.x)).toEqual([1.5, 0.5]);
    expect(data.y[0]).toBeCloseTo(-0.2, 7);
    expect(data.y[1]).toBe(3);
  });

  it("reads semicolon- and tab-separated files", () => {
    expect(Array.from(datasetFromCsv("x;y\n1;2\n3;4").y)).toEqual([2, 4]);
    expect(Array.from(datasetFromCsv("x;y\r\n1;2\r\n3;4\r\n").y)).toEqual([2, 4]);
    expect(Array.from(datasetFromCsv("x\ty\n1\t2\n3\t4").x)).toEqual([1, 3]);
  });

  it.each([
    ["a word", "x,y\n1,2\n3,abc\n", /line 3, column "y": "abc" is not a number/],
    ["an empty cell", "x,y\n1,2\n,4\n", /line 3, column "x": "" is not a number/],
    ["NaN", "x,y\n1,NaN\n", /line 2, column "y": "NaN" is not a finite number/],
    ["Infinity", "x,y\n-Infinity,1\n", /line 2, column "x": "-Infinity" is not a finite number/],
    ["1e400", "x,y\n1e400,1\n", /line 2, column "x": 1e400 is beyond the float32 range/],
    ["a value beyond float32", "x,y\n1,4e38\n", /line 2, column "y": 4e38 is beyond the float32 range/],
    ["a hex number", "x,y\n0x10,1\n", /"0x10" is not a number/],
    ["a decimal comma", "x;y\n1,5;2\n", /"1,5" is not a number \(write decimals with a point, not a comma\)/],
    ["a very long cell", `x,y\n1,${"a".repeat(5000)}\n`, /: "a{40}…" \(5000 characters\) is not a number$/],
    ["a very long number", `x,y\n1,${"9".repeat(5000)}\n`, /: "9{40}…" \(5000 characters\) is beyond the float32/],
  ])("rejects %s with a DataError naming line and column", (_label, text, message) => {
    const error = thrown(() => datasetFromCsv(text, {}, "data.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/^data\.csv line/);
    expect(error.message).toMatch(message);
  });

  it("accepts 3.4028235e38, the largest float32's shortest form, and reads it as that float32", () => {
    const data = datasetFromCsv("x,y\n3.4028235e38,1\n-3.4028235e+38,2\n", {}, "data.csv");
    expect(Array.from(data.x)).toEqual([FLOAT32_MAX, -FLOAT32_MAX]);
  });

  it("refuses 3.5e38, which rounds to Infinity in float32, stating the range in its shortest form", () => {
    const error = thrown(() => datasetFromCsv("x,y\n3.5e38,1\n", {}, "data.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe('data.csv line 2, column "x": 3.5e38 is beyond the float32 range (±3.4028235e38)');
  });

  it("reads any float32 written in shortest form back bit-identical (property)", () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const data = datasetFromCsv(`x,y\n${formatFloat32(value)},0\n`);
        expect(Object.is(data.x[0], value)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses any number that rounds to ±Infinity in float32, and no other (property)", () => {
    // Finite doubles from just below the largest float32 up to far beyond it, either sign.
    const near = fc.double({ min: 3.4e38, max: 3.5e38, noNaN: true });
    const beyond = fc.double({ min: 3.4e38, max: Number.MAX_VALUE, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(near, beyond), fc.boolean(), (magnitude, negative) => {
        const value = negative ? -magnitude : magnitude;
        const read = () => datasetFromCsv(`x,y\n${String(value)},0\n`);
        if (isFiniteFloat32(value)) expect(Object.is(read().x[0], Math.fround(value))).toBe(true);
        else expect(thrown(read).message).toMatch(/is beyond the float32 range/);
      }),
      { numRuns: 2000 },
    );
  });

  it("rejects a missing column with InvalidArgumentError listing the columns", () => {
    const error = thrown(() => datasetFromCsv("a,b\n1,2\n", { yCol: "y" }, "data.csv"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/data\.csv has no column "y" \(y column\); its columns are: a, b/);
    const x = thrown(() => datasetFromCsv("a,b\n1,2\n", { xCols: ["q"] }));
    expect(x).toBeInstanceOf(InvalidArgumentError);
    expect(x.message).toMatch(/no column "q" \(x column\)/);
  });

  it("rejects a single-column file, and a column used as both input and target", () => {
    expect(thrown(() => datasetFromCsv("y\n1\n2\n"))).toBeInstanceOf(DataError);
    expect(thrown(() => datasetFromCsv("y\n1\n2\n")).message).toMatch(/at least two columns/);
    const both = thrown(() => datasetFromCsv("a,b\n1,2\n", { xCols: ["a", "b"], yCol: "b" }));
    expect(both).toBeInstanceOf(InvalidArgumentError);
    expect(both.message).toMatch(/"b" cannot be both an input and the target/);
    expect(thrown(() => datasetFromCsv("a,b\n1,2\n", { xCols: [] })).message).toMatch(/no input columns/);
  });
});

describe("resolveCsvColumns", () => {
  it("defaults x to every column but the target", () => {
    const table = parseCsvTable("a,b,c\n1,2,3");
    expect(resolveCsvColumns(table, { yCol: "a" })).toEqual({ xCols: ["b", "c"], yCol: "a" });
  });
});

describe("inputsFromCsv", () => {
  it("reads every column when none are named", () => {
    const inputs = inputsFromCsv("a,b\n1,2\n3,4\n");
    expect(inputs).toEqual({ x: new Float32Array([1, 2, 3, 4]), cells: ["1", "2", "3", "4"], n: 2, xCols: ["a", "b"] });
  });

  it("keeps the chosen cells as written, beside their float32 values", () => {
    const inputs = inputsFromCsv("id,x\nfirst, 16.6 \nsecond,1e1\n", { xCols: ["x"] });
    expect(inputs.cells).toEqual(["16.6", "1e1"]);
    expect(Array.from(inputs.x)).toEqual([Math.fround(16.6), 10]);
  });

  it("refuses bare x values without a header (the issue's case: 3 values gave 2 rows)", () => {
    const error = thrown(() => inputsFromCsv("0.1\n0.2\n0.3\n", {}, "grid.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/^grid\.csv line 1 holds only numbers \("0\.1"\), so it has no header row/);
  });

  it("reads the named columns, ignoring others (even non-numeric ones)", () => {
    const inputs = inputsFromCsv("id,x\nfirst,0.5\nsecond,1.5\n", { xCols: ["x"] });
    expect(Array.from(inputs.x)).toEqual([0.5, 1.5]);
  });

  it("rejects a missing column and a bad cell", () => {
    expect(thrown(() => inputsFromCsv("a\n1\n", { xCols: ["x"] }))).toBeInstanceOf(InvalidArgumentError);
    const error = thrown(() => inputsFromCsv("a\n1\nInf\n", {}, "grid.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/grid\.csv line 3, column "a": "Inf" is not a finite number/);
  });

  it("matches the header to the model's columns by name and returns x in the model's order", () => {
    const inputs = inputsFromCsv("id,b,a\nfirst,0,1\nsecond,2,3\n", { modelColumns: ["a", "b"] });
    expect(inputs).toEqual({ x: new Float32Array([1, 0, 3, 2]), cells: ["1", "0", "3", "2"], n: 2, xCols: ["a", "b"] });
  });

  it("refuses a header that lacks a model column, listing both sets", () => {
    const error = thrown(() => inputsFromCsv("b,c\n1,2\n", { modelColumns: ["a", "b"] }, "grid.csv"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      "grid.csv's header gives columns b, c; the model's input columns are a, b (missing a); inputs are matched to the model by name",
    );
  });

  it("refuses a repeated column name", () => {
    expect(thrown(() => inputsFromCsv("a,b\n1,2\n", { xCols: ["a", "a"] })).message).toMatch(
      /x columns repeats "a"; name each column once/,
    );
  });
});

describe("resolveCsvColumns refuses a repeated input column", () => {
  it("names it", () => {
    const table = parseCsvTable("a,b,y\n1,2,3");
    expect(() => resolveCsvColumns(table, { xCols: ["a", "b", "a"] })).toThrow(/x columns repeats "a"/);
  });
});
