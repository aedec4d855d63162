import { describe, expect, it } from "vitest";
import { viewsFor } from "./view-range.js";

const csv = { kind: "csv", fileName: "big.csv", xColumn: "x", yColumn: "y" } as const;

describe("viewsFor", () => {
  it("pads a CSV's ranges to readable numbers", () => {
    const views = viewsFor(
      [
        { x: 0, y: 1 },
        { x: 10, y: 3 },
      ],
      csv,
    );
    expect(views.near).toEqual({ x: { min: -10, max: 20 }, y: { min: 0, max: 4 } });
    expect(views.wide.x).toEqual({ min: -100, max: 110 });
  });

  it("takes a million points (more than a function accepts as arguments)", () => {
    const points = Array.from({ length: 1_000_000 }, (_, i) => ({ x: i / 1000, y: Math.sin(i) }));
    const views = viewsFor(points, csv);
    expect(views.near.x.min).toBeLessThan(0);
    expect(views.near.x.max).toBeGreaterThan(999);
  });
});
