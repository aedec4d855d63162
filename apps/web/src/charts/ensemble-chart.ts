import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import type { Range } from "../data/view-range.js";
import { BAND_LABELS, type BandKind, bandData, bandKindOf, bandSeries, emptyData } from "./band-series.js";
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

/** The bands as drawn: for each, its label and the upper and lower edges on the chart's x. */
export interface DrawnBands {
  readonly kind: BandKind;
  readonly x: number[];
  readonly mean: number[];
  readonly bands: { readonly label: string; readonly upper: number[]; readonly lower: number[] }[];
}

/**
 * The main chart: every member's curve, the mean, the bands (±1σ and ±2σ; for a Gaussian model the
 * noise and the total), and the data. Clicking adds a point; shift-click (or alt-click), or any
 * click in the Remove mode, removes the nearest. Rebuilt only when the member count or the kind
 * of bands changes.
 */
export class EnsembleChart {
  private chart: MountedChart;
  private memberCount = 0;
  private bandKind: BandKind = "spread";

  constructor(
    private readonly container: HTMLElement,
    private readonly view: ViewState,
    private readonly points: () => readonly Point[],
    private readonly editing: PointEditing,
    /** Told the axes after every draw. */
    private readonly onDrawn: (ranges: { x: Range; y: Range }) => void,
    /** Told the bands each time they change (null: none drawn). */
    private readonly onBands: (bands: DrawnBands | null) => void = () => {},
  ) {
    this.chart = this.build(0, "spread");
  }

  private build(members: number, kind: BandKind): MountedChart {
    const { series, bands } = bandSeries(kind);
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
    this.bandKind = kind;
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
    const kind = bandKindOf(prediction);
    if (members !== this.memberCount || kind !== this.bandKind) {
      this.chart.destroy();
      this.chart = this.build(members, kind);
    }
    if (!prediction) {
      this.chart.plot.setData(emptyData(this.chart.plot.series.length) as uPlot.AlignedData);
      this.onBands(null);
      return;
    }
    const data = bandData(grid, prediction, kind);
    const [outer, inner] = BAND_LABELS[kind];
    this.onBands({
      kind,
      x: data[0]!,
      mean: data[5]!,
      bands: [
        { label: outer, upper: data[1]!, lower: data[2]! },
        { label: inner, upper: data[3]!, lower: data[4]! },
      ],
    });
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
