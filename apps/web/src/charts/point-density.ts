import type { Point } from "../data/points.js";

/** The plot area in canvas pixels and the data ranges it shows. */
export interface PlotFrame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Points counted per cell of a grid laid over the plot area, row-major from the top left. */
export interface DensityCounts {
  readonly columns: number;
  readonly rows: number;
  readonly counts: Uint32Array;
  readonly max: number;
}

/** Side of a density cell in CSS pixels: about a cross's size, so sparse data still reads as points. */
const CELL_CSS_PX = 2;
/** The faintest cell that holds a point, so one lone point stays visible beside dense ones. */
const MIN_ALPHA = 0.3;
/** PALETTE.data, as the crosses are drawn. */
const INK = [31, 31, 31] as const;

/**
 * Counts the points in each cell of a `cellPx`-pixel grid over the frame (points outside its
 * ranges are left out; those on an edge count). One pass over the points, whatever the grid: O(points + cells).
 */
export function densityCounts(points: readonly Point[], frame: PlotFrame, cellPx: number): DensityCounts {
  const columns = Math.max(1, Math.ceil(frame.width / cellPx));
  const rows = Math.max(1, Math.ceil(frame.height / cellPx));
  const counts = new Uint32Array(columns * rows);
  const xScale = frame.width / cellPx / (frame.xMax - frame.xMin);
  const yScale = frame.height / cellPx / (frame.yMax - frame.yMin);
  let max = 0;
  for (const p of points) {
    if (!(p.x >= frame.xMin && p.x <= frame.xMax && p.y >= frame.yMin && p.y <= frame.yMax)) continue;
    // A point on the right or bottom edge belongs to the last cell.
    const column = Math.min(columns - 1, Math.floor((p.x - frame.xMin) * xScale));
    const row = Math.min(rows - 1, Math.floor((frame.yMax - p.y) * yScale));
    const cell = row * columns + column;
    const count = ++counts[cell]!;
    if (count > max) max = count;
  }
  return { columns, rows, counts, max };
}

/** Opacity of a cell: none when empty, then rising with the log of its count to 1 at the densest. */
export function cellAlpha(count: number, max: number): number {
  if (count === 0) return 0;
  if (max <= 1) return 1;
  return MIN_ALPHA + (1 - MIN_ALPHA) * (Math.log1p(count - 1) / Math.log1p(max - 1));
}

/** A drawn density and what it was drawn from, so a redraw with the same inputs reuses it. */
export interface DensityRaster {
  readonly image: OffscreenCanvas;
  readonly points: readonly Point[];
  readonly frame: PlotFrame;
  readonly pixelRatio: number;
}

function sameFrame(a: PlotFrame, b: PlotFrame): boolean {
  return (Object.keys(a) as (keyof PlotFrame)[]).every((key) => a[key] === b[key]);
}

/**
 * The points as a density image of the frame's size (one image pixel per cell; the caller scales
 * it up without smoothing), or `previous` when it was made from the same points, frame and pixel
 * ratio.
 */
export function densityRaster(
  points: readonly Point[],
  frame: PlotFrame,
  pixelRatio: number,
  previous: DensityRaster | null,
): DensityRaster {
  if (previous?.points === points && previous.pixelRatio === pixelRatio && sameFrame(previous.frame, frame)) {
    return previous;
  }
  const { columns, rows, counts, max } = densityCounts(points, frame, CELL_CSS_PX * pixelRatio);
  const pixels = new ImageData(columns, rows);
  const bytes = pixels.data;
  for (let cell = 0; cell < counts.length; cell++) {
    const count = counts[cell]!;
    if (count === 0) continue;
    const at = cell * 4;
    bytes[at] = INK[0];
    bytes[at + 1] = INK[1];
    bytes[at + 2] = INK[2];
    bytes[at + 3] = Math.round(255 * cellAlpha(count, max));
  }
  const image = new OffscreenCanvas(columns, rows);
  image.getContext("2d")!.putImageData(pixels, 0, 0);
  return { image, points, frame, pixelRatio };
}
