import { describe, expect, it } from "vitest";
import { HEATMAP_SIDE, heatmapGrid, PLANE_EXTENT } from "./heatmap-grid.js";

describe("heatmapGrid", () => {
  it("holds side² points of two coordinates: 100 × 100 over [−6, 6]² by default", () => {
    const grid = heatmapGrid();
    expect(grid.length).toBe(HEATMAP_SIDE * HEATMAP_SIDE * 2);
    expect(PLANE_EXTENT).toBe(6);
  });

  it("lists cell centres in image order: row 0 at the top, x₁ growing along a row", () => {
    const grid = heatmapGrid(4, 2);
    // Cells of width 1 over [−2, 2]: centres at −1.5, −0.5, 0.5, 1.5.
    expect(Array.from(grid.subarray(0, 8))).toEqual([-1.5, 1.5, -0.5, 1.5, 0.5, 1.5, 1.5, 1.5]);
    const last = 15;
    expect([grid[2 * last], grid[2 * last + 1]]).toEqual([1.5, -1.5]);
    // Pixel (row 2, column 1) is point 9.
    expect([grid[18], grid[19]]).toEqual([-0.5, -0.5]);
  });
});
