import type { EnsembleSpec } from "@rpf/core";
import type uPlot from "uplot";
import type { LossPoints } from "../worker/protocol.js";
import { axes, MountedChart } from "./mounted-chart.js";
import { PALETTE } from "./palette.js";

const HEIGHT = 220;
/** A log scale cannot show zero; a perfect fit is drawn at the float32 floor instead. */
const LOG_FLOOR = 1e-12;

/** The loss each head trains, as the chart's axis names it. */
function lossName(head: EnsembleSpec["head"]): string {
  if (head === "mse") return "MSE";
  return head === "gaussian" ? "Gaussian NLL" : "cross-entropy";
}

/**
 * Mean training loss across members against epoch. The squared error is drawn on a log scale (it
 * falls by orders of magnitude); the Gaussian NLL on a linear one, since it goes below zero once
 * the predicted noise is narrower than 1/√(2π); the cross-entropy on a linear one too.
 */
export class LossChart {
  private chart: MountedChart;
  private curve: LossPoints = { epochs: [], values: [] };
  private head: EnsembleSpec["head"] = "mse";

  /** `onDraw` is told the curve drawn, each time it changes. */
  constructor(
    private readonly container: HTMLElement,
    private readonly onDraw: (curve: LossPoints) => void = () => {},
  ) {
    this.chart = this.build();
  }

  private build(): MountedChart {
    return new MountedChart(
      this.container,
      {
        series: [{}, { label: "mean loss", stroke: PALETTE.loss, width: 1.5, points: { show: false } }],
        scales: { x: { time: false }, y: { distr: this.head === "mse" ? 3 : 1 } },
        axes: axes("epoch", lossName(this.head)),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
      },
      [[], []],
      HEIGHT,
    );
  }

  /** Empty, as before any run, for a run of `head`: made anew, since an emptied chart keeps the old run's axes. */
  clear(head: EnsembleSpec["head"] = "mse"): void {
    this.head = head;
    this.chart.destroy();
    this.chart = this.build();
    this.curve = { epochs: [], values: [] };
    this.onDraw(this.curve);
  }

  /** Extends the curve with the epochs since the previous report (the worker sends each epoch once). */
  append(points: LossPoints): void {
    if (points.epochs.length === 0) return;
    this.curve = {
      epochs: [...this.curve.epochs, ...points.epochs],
      values: [
        ...this.curve.values,
        ...(this.head === "mse" ? points.values.map((v) => Math.max(v, LOG_FLOOR)) : points.values),
      ],
    };
    this.chart.plot.setData([this.curve.epochs, this.curve.values] as uPlot.AlignedData);
    this.onDraw(this.curve);
  }

  /** The loss in the latest epoch drawn. */
  latest(): number | null {
    return this.curve.values.at(-1) ?? null;
  }
}
