import type uPlot from "uplot";
import type { Range, ViewMode, Views } from "../data/view-range.js";

/** The chart's view: which one, and the ranges of both. Charts read it on every redraw. */
export interface ViewState {
  mode: ViewMode;
  views: Views;
}

/** Room above and below the curves in the wide view, where the y range follows the data. */
const WIDE_Y_PAD = 0.08;

export function viewScales(view: ViewState): Record<string, uPlot.Scale> {
  return {
    x: {
      time: false,
      range: () => {
        const x = view.mode === "near" ? view.views.near.x : view.views.wide.x;
        return [x.min, x.max];
      },
    },
    y: {
      range: (_u, min, max) => {
        const near = view.views.near.y;
        if (view.mode === "near" || !Number.isFinite(min) || !Number.isFinite(max)) return [near.min, near.max];
        const pad = (max - min) * WIDE_Y_PAD;
        return [Math.min(min - pad, near.min), Math.max(max + pad, near.max)];
      },
    },
  };
}

/** The ranges the chart shows now, in data units. */
export function shownRanges(plot: uPlot): { x: Range; y: Range } {
  const { x, y } = plot.scales;
  return { x: { min: x!.min!, max: x!.max! }, y: { min: y!.min!, max: y!.max! } };
}
