import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { splitValidation, validationCount } from "./split.js";

const data = createDataset(
  Array.from({ length: 40 }, (_, i) => i),
  Array.from({ length: 20 }, (_, i) => 100 + i),
  2,
);

describe("splitValidation", () => {
  it("holds out round(fraction·n) rows, disjoint from the training rows, together all of them", () => {
    const split = splitValidation(data, 0.25, 7);
    expect(split.validation.n).toBe(5);
    expect(split.train.n).toBe(15);
    const all = [...split.trainRows, ...split.validationRows].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Each side carries its rows' x and y, in the original order.
    split.validationRows.forEach((row, i) => {
      expect(split.validation.y[i]).toBe(100 + row);
      expect(Array.from(split.validation.x.subarray(2 * i, 2 * i + 2))).toEqual([2 * row, 2 * row + 1]);
    });
    expect(Array.from(split.trainRows)).toEqual([...split.trainRows].sort((a, b) => a - b));
  });

  it("is the same for the same seed and differs for another", () => {
    const rows = (seed: number) => Array.from(splitValidation(data, 0.25, seed).validationRows);
    expect(rows(7)).toEqual(rows(7));
    expect(rows(8)).not.toEqual(rows(7));
  });

  it.each([
    [0, /must be in \(0, 1\), got 0/],
    [1, /must be in \(0, 1\), got 1/],
    [Number.NaN, /must be in \(0, 1\)/],
    [0.05, /holds out 1 and trains on 19; each side needs at least 2 rows/],
    [0.95, /holds out 19 and trains on 1; each side needs at least 2 rows/],
  ])("refuses the fraction %s", (fraction, message) => {
    expect(() => validationCount(20, fraction)).toThrow(message);
  });
});
