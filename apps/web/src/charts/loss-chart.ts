import type uPlot from "uplot";
import type { LossPoints } from "../worker/protocol.js";
import { axes, MountedChart } from "./mounted-chart.js";
import { PALETTE } from "./palette.js";

const HEIGHT = 220;

/** Mean training loss across members against epoch, on a log scale: it falls by orders of magnitude. */
export class LossChart {
  private readonly chart: MountedChart;
  private epochs: number[] = [];
  private values: number[] = [];

  constructor(container: HTMLElement) {
    this.chart = new MountedChart(
      container,
      {
        series: [{}, { label: "mean loss", stroke: PALETTE.loss, width: 1.5, points: { show: false } }],
        scales: { x: { time: false }, y: { distr: 3 } },
        axes: axes("epoch", "MSE"),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
      },
      [[], []],
      HEIGHT,
    );
  }

  clear(): void {
    this.epochs = [];
    this.values = [];
    this.chart.plot.setData([[], []]);
  }

  append(loss: LossPoints): void {
    if (loss.epochs.length === 0) return;
    this.epochs.push(...loss.epochs);
    // A log scale cannot show zero; a perfect fit is drawn at the float32 floor instead.
    this.values.push(...loss.values.map((v) => Math.max(v, 1e-12)));
    this.chart.plot.setData([this.epochs, this.values] as uPlot.AlignedData);
  }

  latest(): number | null {
    return this.values.at(-1) ?? null;
  }
}
