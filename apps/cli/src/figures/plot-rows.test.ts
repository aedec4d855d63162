import { describe, expect, it } from "vitest";
import { bandRows, curveRows, dataRows, plotWindow, X_DOMAIN, yClamp } from "./plot-rows.js";

/** The notebook's prediction grid: jnp.linspace(-5, 5, 1000). */
const grid = Float32Array.from({ length: 1000 }, (_, i) => -5 + (10 * i) / 999);

describe("plotWindow", () => {
  it("keeps exactly the grid points inside [-0.5, 1]", () => {
    const { indices } = plotWindow(grid, [-1, 1]);
    const xs = indices.map((i) => grid[i]!);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(X_DOMAIN[0]);
    expect(Math.max(...xs)).toBeLessThanOrEqual(X_DOMAIN[1]);
    // The neighbours just outside the window are dropped, so nothing inside was.
    const first = indices[0]!;
    const last = indices.at(-1)!;
    expect(grid[first - 1]!).toBeLessThan(X_DOMAIN[0]);
    expect(grid[last + 1]!).toBeGreaterThan(X_DOMAIN[1]);
    expect(indices).toEqual(Array.from({ length: last - first + 1 }, (_, k) => first + k));
    expect(indices).toHaveLength(150);
  });
});

describe("yClamp", () => {
  it("passes values within half a domain's height of it and clamps the rest there", () => {
    const clamp = yClamp([-1, 1]);
    expect(clamp(0.3)).toBe(0.3);
    expect(clamp(1.9)).toBe(1.9);
    expect(clamp(2.1)).toBe(2);
    expect(clamp(-1e30)).toBe(-2);
  });
});

describe("row builders", () => {
  const w = plotWindow(grid, [-2, 2]);

  it("takes a curve's values at the window's grid points", () => {
    const values = grid.map((x) => x / 10);
    const rows = curveRows(w, values, "prior");
    expect(rows).toHaveLength(150);
    for (const row of rows) expect(row.y).toBeCloseTo(row.x / 10, 5);
    expect(rows.every((row) => row.series === "prior")).toBe(true);
  });

  it("builds mean ± k·std bands, clamped to the panel", () => {
    const mean = new Float32Array(grid.length).fill(0.5);
    const std = grid.map((x) => (x > 0.9 ? 100 : 0.25));
    const rows = bandRows(w, { mean, std }, 2, "2σ");
    expect(rows[0]).toMatchObject({ lo: 0, hi: 1, series: "2σ" });
    expect(rows.at(-1)).toMatchObject({ lo: -4, hi: 4 });
  });

  it("pairs the data's x and y", () => {
    const rows = dataRows({ x: Float32Array.of(0.25, 0.5), y: Float32Array.of(1, 9) }, yClamp([-2, 2]), "data");
    expect(rows).toEqual([
      { x: 0.25, y: 1, series: "data" },
      { x: 0.5, y: 4, series: "data" },
    ]);
  });
});
