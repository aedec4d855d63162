import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import type { Range } from "../data/view-range.js";
import { bandData, bandSeries, emptyData } from "./band-series.js";
import { axes, MountedChart } from "./mounted-chart.js";
import { memberColor } from "./palette.js";
import { scatterPlugin } from "./scatter-plugin.js";
import { shownRanges, type ViewState, viewScales } from "./view-scales.js";

export interface PointEditing {
  add(point: Point): void;
  removeAt(index: number): void;
  /** Whether a plain click removes (the Remove points mode) rather than adds. */
  readonly removing: boolean;
}

/** A removing click removes the nearest point within this many CSS pixels. */
const REMOVE_RADIUS_PX = 12;
const HEIGHT = 420;

/**
 * The main chart: every member's curve, the mean, ±1σ and ±2σ bands, and the data. Clicking adds a
 * point; shift-click (or alt-click), or any click in the Remove mode, removes the nearest. Rebuilt
 * only when the member count changes.
 */
export class EnsembleChart {
  private chart: MountedChart;
  private memberCount = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly view: ViewState,
    private readonly points: () => readonly Point[],
    private readonly editing: PointEditing,
    /** Told the axes after every draw. */
    private readonly onDrawn: (ranges: { x: Range; y: Range }) => void,
  ) {
    this.chart = this.build(0);
  }

  private build(members: number): MountedChart {
    const { series, bands } = bandSeries();
    for (let m = 0; m < members; m++) {
      series.push({ label: `member ${m + 1}`, stroke: memberColor(m, members), width: 1.2, points: { show: false } });
    }
    const chart = new MountedChart(
      this.container,
      {
        series,
        bands,
        scales: viewScales(this.view),
        axes: axes("x", "y"),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        plugins: [scatterPlugin(this.points), { hooks: { draw: (u) => this.onDrawn(shownRanges(u)) } }],
      },
      emptyData(series.length) as uPlot.AlignedData,
      HEIGHT,
    );
    chart.plot.over.addEventListener("click", (event) => this.onClick(chart.plot, event));
    this.memberCount = members;
    return chart;
  }

  private onClick(plot: uPlot, event: MouseEvent): void {
    if (event.shiftKey || event.altKey || this.editing.removing) {
      const index = this.nearestPoint(plot, event.offsetX, event.offsetY);
      if (index >= 0) this.editing.removeAt(index);
      return;
    }
    this.editing.add({ x: plot.posToVal(event.offsetX, "x"), y: plot.posToVal(event.offsetY, "y") });
  }

  private nearestPoint(plot: uPlot, left: number, top: number): number {
    let best = -1;
    let bestDistance = REMOVE_RADIUS_PX;
    this.points().forEach((p, i) => {
      const distance = Math.hypot(plot.valToPos(p.x, "x") - left, plot.valToPos(p.y, "y") - top);
      if (distance <= bestDistance) {
        best = i;
        bestDistance = distance;
      }
    });
    return best;
  }

  show(grid: Float32Array, prediction: Prediction | null): void {
    const members = prediction?.memberCount ?? 0;
    if (members !== this.memberCount) {
      this.chart.destroy();
      this.chart = this.build(members);
    }
    if (!prediction) {
      this.chart.plot.setData(emptyData(this.chart.plot.series.length) as uPlot.AlignedData);
      return;
    }
    const data = bandData(grid, prediction);
    for (let m = 0; m < members; m++) {
      data.push(Array.from(prediction.members.subarray(m * prediction.n, (m + 1) * prediction.n)));
    }
    this.chart.plot.setData(data as uPlot.AlignedData);
  }

  /** After the data or the view changed: same curves, new scales and points. */
  redraw(): void {
    this.chart.plot.setData(this.chart.plot.data);
  }
}
