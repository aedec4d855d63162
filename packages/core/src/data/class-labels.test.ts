import { describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { MAX_CLASSES } from "../spec/caps.js";
import { classesOfLabels, classIndicesOf, sortClassLabels } from "./class-labels.js";
import { labelledTextFromCsv } from "./csv.js";

const where = (n: number) => ({
  source: "t.csv",
  column: "species",
  lines: Array.from({ length: n }, (_, i) => i + 2),
});

describe("sortClassLabels: rpf's class order", () => {
  it("orders numeric labels by value, not as text", () => {
    expect(sortClassLabels(["10", "2", "-1", "0.5", "2", "1e1"])).toEqual(["-1", "0.5", "2", "10", "1e1"]);
  });

  it("orders any other labels by UTF-16 code unit (upper case first, not by locale)", () => {
    expect(sortClassLabels(["b", "a", "B", "é", "10", "9"])).toEqual(["10", "9", "B", "a", "b", "é"]);
  });

  it("keeps labels that differ only in how a number is written as two classes", () => {
    expect(sortClassLabels(["1.0", "1", "0"])).toEqual(["0", "1", "1.0"]);
  });

  it("treats a number beyond float64 as text", () => {
    expect(sortClassLabels(["1e999", "2"])).toEqual(["1e999", "2"]);
  });
});

describe("classesOfLabels", () => {
  it("returns the sorted classes", () => {
    expect(classesOfLabels(["virginica", "setosa", "setosa"], where(3))).toEqual(["setosa", "virginica"]);
  });

  it.each([
    ["an empty label, naming its line", ["a", "", "b"], 'line 3, column "species": the class label is empty'],
    ["one class only", ["a", "a"], 'column "species" holds one class only ("a")'],
    [
      "more than 1024 classes",
      Array.from({ length: MAX_CLASSES + 1 }, (_, i) => String(i)),
      "holds 1025 distinct labels; a classifier takes at most 1024 classes",
    ],
  ])("refuses %s", (_label, labels, message) => {
    expect(() => classesOfLabels(labels, where(labels.length))).toThrow(DataError);
    expect(() => classesOfLabels(labels, where(labels.length))).toThrow(message);
  });

  it("accepts exactly 1024 classes", () => {
    const labels = Array.from({ length: MAX_CLASSES }, (_, i) => `c${i}`);
    expect(classesOfLabels(labels, where(labels.length))).toHaveLength(MAX_CLASSES);
  });
});

describe("classIndicesOf", () => {
  it("maps each label to its class index", () => {
    expect(Array.from(classIndicesOf(["b", "a", "b"], ["a", "b"], where(3)))).toEqual([1, 0, 1]);
  });

  it("names a label the model never saw, with its line and the model's classes", () => {
    const run = () => classIndicesOf(["a", "c"], ["a", "b"], where(2));
    expect(run).toThrow(DataError);
    expect(run).toThrow('t.csv line 3, column "species": label "c" is not one of the model\'s classes ("a", "b")');
  });
});

describe("labelledTextFromCsv", () => {
  it("reads the inputs as numbers and the label column as trimmed text, with line numbers", () => {
    const read = labelledTextFromCsv("a,species,b\n1, setosa ,2\n\n3,4,5\n", { yCol: "species" }, "t.csv");
    expect(Array.from(read.x)).toEqual([1, 2, 3, 5]);
    expect(read).toMatchObject({ labels: ["setosa", "4"], lines: [2, 4], n: 2, xCols: ["a", "b"], yCol: "species" });
  });

  it("matches inputs to a model's columns by name", () => {
    const read = labelledTextFromCsv("b,y,a\n2,x,1\n", { modelColumns: ["a", "b"], yCol: "y" }, "t.csv");
    expect(Array.from(read.x)).toEqual([1, 2]);
    expect(read.labels).toEqual(["x"]);
  });

  it("still refuses an input cell that is not a number", () => {
    expect(() => labelledTextFromCsv("a,y\nq,x\n", { yCol: "y" }, "t.csv")).toThrow('"q" is not a number');
  });
});
