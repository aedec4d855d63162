import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { assertOneHot, oneHot } from "./one-hot.js";

describe("oneHot", () => {
  it("puts a 1 at each row's class index, [n] → [n, K]", () => {
    expect(oneHot([2, 0, 1], 3)).toEqual(Float32Array.of(0, 0, 1, 1, 0, 0, 0, 1, 0));
    expect(oneHot(Int32Array.of(), 2)).toEqual(new Float32Array(0));
  });

  it.each([[-1], [3], [1.5], [Number.NaN]])("refuses class index %s, naming its row", (bad) => {
    expect(() => oneHot([0, bad], 3)).toThrow(/class index at row 1 is .*; a class index is an integer from 0 to 2/);
    expect(() => oneHot([0, bad], 3)).toThrow(InvalidArgumentError);
  });

  it.each([1, 1025, 2.5])("refuses classCount %s", (classCount) => {
    expect(() => oneHot([0], classCount)).toThrow(/classCount must be an integer from 2 to 1024/);
  });
});

describe("assertOneHot", () => {
  it("accepts rows of one 1 and zeros", () => {
    expect(() => assertOneHot(oneHot([1, 0, 2], 3), 3)).not.toThrow();
  });

  it.each([
    ["two ones", [1, 0, 1, 1], /y row 1 is not one-hot \(2 ones\)/],
    ["no one", [0, 1, 0, 0], /y row 1 is not one-hot \(0 ones\)/],
    ["a fraction", [0.5, 0.5, 1, 0], /y row 0 is not one-hot \(a value other than 0 and 1\)/],
    ["a class index", [2, 0, 1, 0], /y row 0 is not one-hot/],
  ])("refuses %s with a typed error naming the first bad row", (_, y, message) => {
    expect(() => assertOneHot(Float32Array.from(y), 2)).toThrow(message);
    expect(() => assertOneHot(Float32Array.from(y), 2)).toThrow(InvalidArgumentError);
  });
});
