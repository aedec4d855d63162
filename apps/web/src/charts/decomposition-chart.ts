import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import { emptyData } from "./band-series.js";
import { axes, MountedChart } from "./mounted-chart.js";
import { PALETTE } from "./palette.js";
import { scatterPlugin } from "./scatter-plugin.js";
import { type ViewState, viewScales } from "./view-scales.js";

const HEIGHT = 300;

/** One member taken apart, as the notebook's figure 2: prior β·p, trainable t, resultant g = t + β·p. */
export class DecompositionChart {
  private readonly chart: MountedChart;

  constructor(container: HTMLElement, view: ViewState, points: () => readonly Point[]) {
    const line = (label: string, stroke: string): uPlot.Series => ({
      label,
      stroke,
      width: 2,
      points: { show: false },
    });
    const series = [
      {},
      line("prior β·p", PALETTE.prior),
      line("trainable t", PALETTE.trainable),
      line("resultant g", PALETTE.resultant),
    ];
    this.chart = new MountedChart(
      container,
      {
        series,
        scales: viewScales(view),
        axes: axes("x", ""),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        plugins: [scatterPlugin(points, 3)],
      },
      emptyData(series.length) as uPlot.AlignedData,
      HEIGHT,
    );
  }

  show(grid: Float32Array, prediction: Prediction | null, member: number): void {
    if (!prediction || member >= prediction.memberCount) {
      this.chart.plot.setData(emptyData(4) as uPlot.AlignedData);
      return;
    }
    const slice = (values: Float32Array) =>
      Array.from(values.subarray(member * prediction.n, (member + 1) * prediction.n));
    this.chart.plot.setData([
      Array.from(grid),
      slice(prediction.prior),
      slice(prediction.trainable),
      slice(prediction.members),
    ]);
  }

  redraw(): void {
    this.chart.plot.setData(this.chart.plot.data);
  }
}
