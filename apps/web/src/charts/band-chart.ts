import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import type { Point } from "../data/points.js";
import type { Range } from "../data/view-range.js";
import { bandData, bandSeries, emptyData } from "./band-series.js";
import { axes, MountedChart } from "./mounted-chart.js";
import { scatterPlugin } from "./scatter-plugin.js";

const HEIGHT = 220;

/**
 * A small multiple: mean ± 1σ and ± 2σ of the total std with the data, on fixed axes so cells
 * compare at a glance; a Gaussian model's cells show the same total bands, so every cell reads alike.
 */
export class BandChart {
  private readonly chart: MountedChart;

  constructor(container: HTMLElement, ranges: () => { x: Range; y: Range }, points: () => readonly Point[]) {
    const { series, bands } = bandSeries();
    this.chart = new MountedChart(
      container,
      {
        series,
        bands,
        scales: {
          x: { time: false, range: () => [ranges().x.min, ranges().x.max] },
          y: { range: () => [ranges().y.min, ranges().y.max] },
        },
        axes: axes("", ""),
        legend: { show: false },
        cursor: { show: false },
        plugins: [scatterPlugin(points, 2.5)],
      },
      emptyData(series.length) as uPlot.AlignedData,
      HEIGHT,
    );
  }

  show(grid: Float32Array, prediction: Prediction | null): void {
    this.chart.plot.setData((prediction ? bandData(grid, prediction, "spread") : emptyData(6)) as uPlot.AlignedData);
  }

  destroy(): void {
    this.chart.destroy();
  }
}
