import { describe, expect, it } from "vitest";
import { GrowingArray } from "./growing-array.js";

describe("GrowingArray", () => {
  it("holds the values appended, in order, rounded to its kind", () => {
    const values = new GrowingArray((length) => new Float32Array(length), [1, 2]);
    values.append([3]);
    values.extend(2).set([0.1, 5]);
    expect(Array.from(values.values)).toEqual([1, 2, 3, Math.fround(0.1), 5]);
    expect(values.length).toBe(5);
  });

  it("a view taken earlier keeps its values through later appends, in place or moved", () => {
    const values = new GrowingArray((length) => new Float64Array(length), [1, 2, 3, 4]);
    const before = values.values;
    values.append([5]);
    values.append([6]);
    expect(Array.from(before)).toEqual([1, 2, 3, 4]);
    expect(Array.from(values.values)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("appending n values one at a time allocates O(log n) stores and copies O(n) values in all", () => {
    let stores = 0;
    let allocated = 0;
    const values = new GrowingArray((length) => {
      stores += 1;
      allocated += length;
      return new Float64Array(length);
    });
    for (let i = 0; i < 1000; i++) values.append([i]);
    expect(values.values[999]).toBe(999);
    // Doubling from 1: 1 + 2 + 4 + … + 1024 values in 11 stores (and the empty first one).
    expect(stores).toBeLessThanOrEqual(12);
    expect(allocated).toBeLessThan(2 * 1024 + 1);
  });
});
