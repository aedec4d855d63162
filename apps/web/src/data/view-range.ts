import type { DataSource, Point } from "./points.js";

export interface Range {
  readonly min: number;
  readonly max: number;
}

/** "near": the data and some room either side; "wide": far enough out to see the priors take over. */
export type ViewMode = "near" | "wide";

export interface Views {
  readonly near: { readonly x: Range; readonly y: Range };
  /** y is left to the chart in the wide view: far from the data, members span what β makes them. */
  readonly wide: { readonly x: Range };
}

/** The notebook's axes for its toy data. */
const TOY_NEAR = { x: { min: -0.5, max: 1.0 }, y: { min: -0.8, max: 1.6 } };
/** The wide view spans this many near-view widths on each side. */
const WIDE_FACTOR = 3;

/** Rounds outwards to two significant digits of the span, so the axes start on readable numbers. */
function niceRange(min: number, max: number): Range {
  const span = max - min;
  const step = 10 ** (Math.floor(Math.log10(span)) - 1);
  return { min: Math.floor(min / step) * step, max: Math.ceil(max / step) * step };
}

/**
 * The range of `values` widened by `pad` spans on each side. A loop, not Math.min(...values): a
 * spread passes every value as an argument, which is slow for 100,000 points and throws past the
 * engine's argument limit.
 */
function padded(values: readonly number[], pad: number): Range {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = max - min || Math.max(Math.abs(max), 1);
  min -= span * pad;
  max += span * pad;
  return niceRange(min, max);
}

export function viewsFor(points: readonly Point[], source: DataSource): Views {
  const near =
    source.kind === "toy"
      ? TOY_NEAR
      : {
          x: padded(
            points.map((p) => p.x),
            1,
          ),
          y: padded(
            points.map((p) => p.y),
            0.5,
          ),
        };
  const width = near.x.max - near.x.min;
  return {
    near,
    wide: { x: { min: near.x.min - WIDE_FACTOR * width, max: near.x.max + WIDE_FACTOR * width } },
  };
}

/**
 * Where a typed point may go: the wide view's x axis, and as far above and below the near view's
 * y axis. Far beyond it a single point dominates the loss and squeezes the chart to a line; data at
 * another scale belongs in a CSV, whose views are fitted to it.
 */
export function editRange(views: Views): { readonly x: Range; readonly y: Range } {
  const { near, wide } = views;
  const height = near.y.max - near.y.min;
  return { x: wide.x, y: { min: near.y.min - WIDE_FACTOR * height, max: near.y.max + WIDE_FACTOR * height } };
}

/**
 * The index of the point nearest `target`, distances measured in near-view widths and heights, if
 * it lies within `tolerance` of them; -1 otherwise.
 */
export function nearestPointWithin(points: readonly Point[], target: Point, views: Views, tolerance: number): number {
  const { x, y } = views.near;
  let best = -1;
  let bestDistance = tolerance;
  points.forEach((p, i) => {
    const distance = Math.hypot((p.x - target.x) / (x.max - x.min), (p.y - target.y) / (y.max - y.min));
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  });
  return best;
}
