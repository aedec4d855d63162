import { describe, expect, it } from "vitest";
import { DataError, InvalidArgumentError } from "../errors.js";
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
    expect(inputs).toEqual({ x: new Float32Array([1, 2, 3, 4]), n: 2, xCols: ["a", "b"] });
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
    expect(inputs).toEqual({ x: new Float32Array([1, 0, 3, 2]), n: 2, xCols: ["a", "b"] });
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
