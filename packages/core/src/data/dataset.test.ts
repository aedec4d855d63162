import { describe, expect, it } from "vitest";
import { DataError, ShapeError } from "../errors.js";
import { assertFinite, createDataset, linspace, validateDataset } from "./dataset.js";

describe("linspace", () => {
  it("gives numpy's linspace(-5, 5, 1000): exact endpoints and even spacing", () => {
    const grid = linspace(-5, 5, 1000);
    expect(grid.length).toBe(1000);
    expect(grid[0]).toBe(-5);
    expect(grid[999]).toBe(5);
    const step = 10 / 999;
    for (let i = 1; i < grid.length; i++) expect(grid[i]! - grid[i - 1]!).toBeCloseTo(step, 5);
    expect(grid[500]).toBe(Math.fround(-5 + 500 * step));
  });

  it("handles one and zero points", () => {
    expect(Array.from(linspace(2, 3, 1))).toEqual([2]);
    expect(linspace(2, 3, 0).length).toBe(0);
  });

  it("keeps the sign of a zero bound at either end", () => {
    expect(Object.is(linspace(-0, 1, 3)[0], -0)).toBe(true);
    expect(Object.is(linspace(1, -0, 3)[2], -0)).toBe(true);
  });

  it("counts down when stop < start", () => {
    expect(Array.from(linspace(1, 0, 5))).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
});

describe("createDataset / validateDataset", () => {
  it("builds a dataset from plain arrays", () => {
    const data = createDataset([1, 2, 3, 4], [5, 6], 2, 1);
    expect(data.n).toBe(2);
    expect(data.x).toBeInstanceOf(Float32Array);
    expect(Array.from(data.y)).toEqual([5, 6]);
  });

  it("rejects mismatched lengths with ShapeError", () => {
    expect(() => createDataset([1, 2, 3], [1, 2])).toThrow(ShapeError);
    expect(() => createDataset([1, 2, 3], [1, 2])).toThrow(/y has 2 values; expected 3 × 1/);
    expect(() => createDataset([1, 2, 3], [1], 2)).toThrow(DataError);
  });

  it("rejects an empty dataset and non-finite values with DataError", () => {
    expect(() => createDataset([], [])).toThrow(/at least one example/);
    expect(() => createDataset([1, Number.NaN], [1, 2])).toThrow(DataError);
    expect(() => createDataset([1, 2], [1, Number.POSITIVE_INFINITY])).toThrow(/y row 1 holds a non-finite value/);
  });

  it("returns the same object when valid", () => {
    const data = { x: new Float32Array([1]), y: new Float32Array([2]), n: 1, inputSize: 1, outputSize: 1 };
    expect(validateDataset(data)).toBe(data);
  });
});

describe("assertFinite", () => {
  it("names the row of the bad value for multi-column data", () => {
    expect(() => assertFinite(new Float32Array([0, 1, 2, Number.NaN]), "x", 2)).toThrow(/x row 1/);
    expect(() => assertFinite(new Float32Array([0, 1]), "x")).not.toThrow();
  });

  it("with checked rows, scans only the rows after them and names a bad row by its place in the whole set", () => {
    const data = {
      x: Float32Array.of(Number.NaN, 1, 2, Number.NaN),
      y: new Float32Array(4),
      n: 4,
      inputSize: 1,
      outputSize: 1,
    };
    expect(() => validateDataset(data, 1)).toThrow(/x row 3 holds/);
    expect(() => validateDataset({ ...data, x: Float32Array.of(Number.NaN, 1, 2, 3) }, 1)).not.toThrow();
  });
});
