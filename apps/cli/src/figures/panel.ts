import type { Field } from "vega-lite/types_unstable/channeldef.js";
import type { LayerSpec, UnitSpec } from "vega-lite/types_unstable/spec/index.js";
import { type BandRow, type PointRow, X_DOMAIN } from "./plot-rows.js";
import { CYCLE, DASHED, type SeriesKey, seriesEncoding } from "./series-key.js";

export type Layer = UnitSpec<Field>;
export type Panel = LayerSpec<Field>;

export interface PanelSize {
  readonly width: number;
  readonly height: number;
}

export interface PanelOptions {
  readonly title?: string;
  readonly yDomain: readonly [number, number];
  readonly layers: Layer[];
  /** Figures with one panel draw it larger than a panel in a grid. */
  readonly size?: PanelSize;
}

/** matplotlib's ticks for xlim(-0.5, 1.0); Vega's own choice of odd tenths reads oddly. */
const X_TICKS = [-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8, 1.0];

const quantitative = (field: string, domain: readonly [number, number], title: string, ticks?: number[]) => ({
  field,
  type: "quantitative" as const,
  title,
  // Fixed, un-niced domains: the notebook sets xlim and ylim, and marks outside them are clipped.
  scale: { domain: [...domain], nice: false, zero: false },
  ...(ticks === undefined ? {} : { axis: { values: ticks } }),
});

/** One plot: shared x and y axes over the notebook's limits, with the given layers drawn in order. */
export function panel({ title, yDomain, layers, size = { width: 360, height: 240 } }: PanelOptions): Panel {
  return {
    ...(title === undefined ? {} : { title }),
    ...size,
    encoding: { x: quantitative("x", X_DOMAIN, "x", X_TICKS), y: quantitative("y", yDomain, "y") },
    layer: layers,
  };
}

export function pointsLayer(rows: PointRow[], key: SeriesKey): Layer {
  return {
    data: { values: rows },
    mark: { type: "point", filled: false, size: 36, strokeWidth: 1.2, clip: true },
    encoding: seriesEncoding(key, ["color", "shape", "opacity"]),
  };
}

export function linesLayer(rows: PointRow[], key: SeriesKey): Layer {
  return {
    data: { values: rows },
    mark: { type: "line", strokeWidth: 1.5, clip: true },
    encoding: seriesEncoding(key, ["color", "opacity", "strokeDash"]),
  };
}

/** Bands from `lo` to `hi`; the panel's y scale and title carry over to them. */
export function bandsLayer(rows: BandRow[], key: SeriesKey): Layer {
  return {
    data: { values: rows },
    mark: { type: "area", clip: true },
    encoding: {
      y: { field: "lo", type: "quantitative" },
      y2: { field: "hi" },
      ...seriesEncoding(key, ["color", "opacity"]),
    },
  };
}

/** Curves told apart by colour only, outside the legend, dashed as the notebook drew the members. */
export function membersLayer(rows: PointRow[]): Layer {
  return {
    data: { values: rows },
    // A field of their own: Vega-Lite merges legends by field, and this one's lack of a legend
    // would otherwise take the figure's legend with it.
    transform: [{ calculate: "datum.series", as: "member" }],
    mark: { type: "line", strokeWidth: 1.5, strokeDash: DASHED, clip: true },
    encoding: { stroke: { field: "member", type: "nominal", sort: null, legend: null, scale: { range: CYCLE } } },
  };
}
