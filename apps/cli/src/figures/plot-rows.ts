import type { FigureData } from "./figure-inputs.js";

/** The x range every notebook figure shows; the prediction grid spans [-5, 5]. */
export const X_DOMAIN = [-0.5, 1.0] as const;

/** How far past a panel's y domain, in multiples of its height, values are drawn at most. */
export const Y_MARGIN = 0.5;

/** A point of a curve or of the data, tagged with the legend entry it belongs to. */
export interface PointRow {
  readonly x: number;
  readonly y: number;
  readonly series: string;
}

/** A point of a band between `lo` and `hi`. */
export interface BandRow {
  readonly x: number;
  readonly lo: number;
  readonly hi: number;
  readonly series: string;
}

/** The part of the grid and the range of values one panel draws. */
export interface PlotWindow {
  readonly grid: Float32Array;
  /** Indices of the grid points inside X_DOMAIN. */
  readonly indices: readonly number[];
  readonly clamp: (y: number) => number;
}

/**
 * Clamps values to the y domain widened by Y_MARGIN. resvg renders nothing of a clipped mark
 * group whose path reaches a few panel heights past the clip (a whole band or curve vanishes for
 * one large value), so such values are drawn just outside the frame instead; a segment that
 * leaves the frame then does so at an angle off by about a pixel at most.
 */
export function yClamp([lo, hi]: readonly [number, number]): (y: number) => number {
  const margin = (hi - lo) * Y_MARGIN;
  return (y) => Math.min(hi + margin, Math.max(lo - margin, y));
}

/**
 * Only grid points inside X_DOMAIN are plotted: the other ~85% of the grid would be clipped away
 * anyway, yet Vega would still write them into every SVG path.
 */
export function plotWindow(grid: Float32Array, yDomain: readonly [number, number]): PlotWindow {
  const indices: number[] = [];
  grid.forEach((x, i) => {
    if (x >= X_DOMAIN[0] && x <= X_DOMAIN[1]) indices.push(i);
  });
  return { grid, indices, clamp: yClamp(yDomain) };
}

export function dataRows(data: FigureData, clamp: (y: number) => number, series: string): PointRow[] {
  return Array.from(data.x, (x, i) => ({ x, y: clamp(data.y[i]!), series }));
}

/** The curve inside the window. */
export function curveRows(w: PlotWindow, values: Float32Array, series: string): PointRow[] {
  return w.indices.map((i) => ({ x: w.grid[i]!, y: w.clamp(values[i]!), series }));
}

/** The band mean ± k · std inside the window. */
export function bandRows(
  w: PlotWindow,
  summary: { readonly mean: Float32Array; readonly std: Float32Array },
  k: number,
  series: string,
): BandRow[] {
  return w.indices.map((i) => {
    const m = summary.mean[i]!;
    const s = summary.std[i]!;
    return { x: w.grid[i]!, lo: w.clamp(m - k * s), hi: w.clamp(m + k * s), series };
  });
}
