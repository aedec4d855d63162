import { describe, expect, it } from "vitest";
import { cellAlpha, densityCounts } from "./point-density.js";

const frame = { left: 0, top: 0, width: 10, height: 4, xMin: 0, xMax: 10, yMin: 0, yMax: 4 };

describe("densityCounts", () => {
  it("counts each point in its cell, y from the top, and leaves out points off the plot", () => {
    const points = [
      { x: 0.5, y: 3.5 },
      { x: 0.9, y: 3.1 },
      { x: 9.5, y: 0.5 },
      { x: 11, y: 1 },
      { x: 5, y: -1 },
    ];
    const { columns, rows, counts, max } = densityCounts(points, frame, 2);
    expect([columns, rows]).toEqual([5, 2]);
    expect(counts[0]).toBe(2);
    expect(counts[1 * 5 + 4]).toBe(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(max).toBe(2);
  });

  it("stays one pass over 100,000 points", () => {
    const points = Array.from({ length: 100_000 }, (_, i) => ({ x: (i % 1000) / 100, y: (i % 7) / 2 }));
    const { counts } = densityCounts(points, frame, 1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
  });
});

describe("cellAlpha", () => {
  it("is 0 for an empty cell, visible for one point and 1 at the densest", () => {
    expect(cellAlpha(0, 50)).toBe(0);
    expect(cellAlpha(1, 50)).toBeCloseTo(0.3);
    expect(cellAlpha(50, 50)).toBe(1);
    expect(cellAlpha(1, 1)).toBe(1);
    expect(cellAlpha(10, 50)).toBeGreaterThan(cellAlpha(5, 50));
  });
});
