import { describe, expect, it } from "vitest";
import { DataError, InvalidArgumentError } from "../errors.js";
import { labelledDataFromCsv } from "./csv.js";

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("labelledDataFromCsv", () => {
  const model = { modelColumns: ["a", "b"], yCol: "t" };

  it("matches inputs to the model's columns by name, in any order, ignoring extra columns", () => {
    const data = labelledDataFromCsv("id,t,b,a\nfirst,9,2,1\nsecond,8,4,3\n", model);
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4]);
    expect(Array.from(data.y)).toEqual([9, 8]);
    expect(data).toMatchObject({ n: 2, inputSize: 2, outputSize: 1, xCols: ["a", "b"], yCol: "t" });
  });

  it("refuses a missing input column, naming both sets", () => {
    const error = thrown(() => labelledDataFromCsv("a,t\n1,2\n", model, "test.csv"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(
      /^test\.csv's header gives columns a, t; the model's input columns are a, b \(missing b\)/,
    );
  });

  it("refuses a missing target column, listing the columns", () => {
    const error = thrown(() => labelledDataFromCsv("a,b\n1,2\n", model, "test.csv"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe('test.csv has no column "t" (y column); its columns are: a, b');
  });

  it("refuses a target that is one of the model's inputs", () => {
    const error = thrown(() => labelledDataFromCsv("a,b\n1,2\n", { modelColumns: ["a", "b"], yCol: "b" }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/column "b" is one of the model's inputs/);
  });

  it.each([
    ["x", 'test.csv line 3, column "a": "x" is not a number'],
    ["nan", 'test.csv line 3, column "a": "nan" is not a finite number'],
  ])("refuses an input cell %s as training does", (cell, message) => {
    const error = thrown(() => labelledDataFromCsv(`a,b,t\n1,2,3\n${cell},2,3\n`, model, "test.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(message);
  });

  it("refuses a target cell that is not finite", () => {
    const error = thrown(() => labelledDataFromCsv("a,b,t\n1,2,inf\n", model, "test.csv"));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe('test.csv line 2, column "t": "inf" is not a finite number');
  });

  it("without the model's names, takes the target (default: the last column) and every other column, as training does", () => {
    const data = labelledDataFromCsv("p,q,r\n1,2,3\n4,5,6\n", { yCol: "p" });
    expect(data.xCols).toEqual(["q", "r"]);
    expect(Array.from(data.y)).toEqual([1, 4]);
    expect(labelledDataFromCsv("p,q,r\n1,2,3\n").yCol).toBe("r");
  });
});
