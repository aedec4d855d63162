import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import { PALETTE } from "./palette.js";

/** Series 1–4 are the ±2σ and ±1σ edges, 5 the mean; the bands fill between the edges. */
export function bandSeries(): { series: uPlot.Series[]; bands: uPlot.Band[] } {
  const edge = (label: string): uPlot.Series => ({ label, stroke: "transparent", width: 0, points: { show: false } });
  return {
    series: [
      {},
      edge("+2σ"),
      edge("−2σ"),
      edge("+1σ"),
      edge("−1σ"),
      { label: "mean", stroke: PALETTE.mean, width: 2, dash: [7, 4], points: { show: false } },
    ],
    bands: [
      { series: [1, 2], fill: PALETTE.band2 },
      { series: [3, 4], fill: PALETTE.band1 },
    ],
  };
}

/** x, the four band edges and the mean, as uPlot wants them. */
export function bandData(grid: Float32Array, prediction: Prediction): number[][] {
  const { mean, std } = prediction;
  const at = (k: number) => Array.from(mean, (m, i) => m + k * std[i]!);
  return [Array.from(grid), at(2), at(-2), at(1), at(-1), Array.from(mean)];
}

export function emptyData(seriesCount: number): number[][] {
  return Array.from({ length: seriesCount }, () => []);
}
