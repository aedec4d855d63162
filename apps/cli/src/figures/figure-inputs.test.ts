import { DataError, ShapeError } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { checkCurve, checkData, checkFinite, checkNotEmpty } from "./figure-inputs.js";

describe("checkFinite", () => {
  it("accepts finite values, including the extremes of float32", () => {
    expect(() => checkFinite("curve", Float32Array.of(0, -3.4e38, 3.4e38))).not.toThrow();
  });

  it.each([
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
    [Number.NEGATIVE_INFINITY, "-Infinity"],
  ])("rejects %s, naming the field, the value and its index", (bad, shown) => {
    const values = Float32Array.of(1, 2, bad, 4);
    expect(() => checkFinite("members[3].resultant", values)).toThrow(DataError);
    expect(() => checkFinite("members[3].resultant", values)).toThrow(
      `cannot plot members[3].resultant: value ${shown} at index 2 is not finite`,
    );
  });
});

describe("checkCurve", () => {
  const grid = new Float32Array(5);

  it("rejects a curve whose length differs from the grid's", () => {
    expect(() => checkCurve("mean", new Float32Array(4), grid)).toThrow(ShapeError);
    expect(() => checkCurve("mean", new Float32Array(4), grid)).toThrow("4 values for 5 grid points");
  });

  it("rejects a non-finite value in a curve of the right length", () => {
    expect(() => checkCurve("std", Float32Array.of(0, 0, 0, 0, Number.NaN), grid)).toThrow(DataError);
  });
});

describe("checkData", () => {
  it("rejects x and y of different lengths", () => {
    expect(() => checkData({ x: new Float32Array(3), y: new Float32Array(2) })).toThrow(ShapeError);
  });

  it("rejects a non-finite y", () => {
    expect(() => checkData({ x: new Float32Array(2), y: Float32Array.of(0, Number.NaN) })).toThrow("data.y");
  });
});

describe("checkNotEmpty", () => {
  it("rejects an empty panel list and accepts one panel", () => {
    expect(() => checkNotEmpty("panels", 0)).toThrow(ShapeError);
    expect(() => checkNotEmpty("panels", 1)).not.toThrow();
  });
});
