import type { Prediction } from "@rpf/core";
import type uPlot from "uplot";
import { PALETTE } from "./palette.js";

/**
 * Which bands the chart draws. "spread": the members' ±1σ and ±2σ (a squared-error model, whose
 * only uncertainty is the members' disagreement). "noise-and-total": a Gaussian model's ±2σ of the
 * predicted noise alone (aleatoric) and of the whole predictive std, noise and disagreement
 * together (total), so the two read apart (docs/heads.md).
 */
export type BandKind = "spread" | "noise-and-total";

/** A model whose members predict a variance has a noise band to show. */
export function bandKindOf(prediction: Prediction | null): BandKind {
  return prediction?.variance ? "noise-and-total" : "spread";
}

/** The labels of each band, outer first, as the legend and tests read them. */
export const BAND_LABELS: Record<BandKind, readonly [string, string]> = {
  spread: ["±2σ", "±1σ"],
  "noise-and-total": ["total ±2σ", "noise (aleatoric) ±2σ"],
};

/** Series 1–4 are the outer and inner bands' edges, 5 the mean; the bands fill between the edges. */
export function bandSeries(kind: BandKind = "spread"): { series: uPlot.Series[]; bands: uPlot.Band[] } {
  const edge = (label: string): uPlot.Series => ({ label, stroke: "transparent", width: 0, points: { show: false } });
  const [outer, inner] = BAND_LABELS[kind];
  const fills = kind === "spread" ? [PALETTE.band2, PALETTE.band1] : [PALETTE.totalBand, PALETTE.noiseBand];
  return {
    series: [
      {},
      edge(`${outer} upper`),
      edge(`${outer} lower`),
      edge(`${inner} upper`),
      edge(`${inner} lower`),
      { label: "mean", stroke: PALETTE.mean, width: 2, dash: [7, 4], points: { show: false } },
    ],
    bands: [
      { series: [1, 2], fill: fills[0] },
      { series: [3, 4], fill: fills[1] },
    ],
  };
}

/**
 * x, the four band edges and the mean, as uPlot wants them: for "spread" mean ± 2·std and
 * mean ± std; for "noise-and-total" mean ± 2·std (total) and mean ± 2·aleatoricStd (noise).
 */
export function bandData(
  grid: Float32Array,
  prediction: Prediction,
  kind: BandKind = bandKindOf(prediction),
): number[][] {
  const { mean, std, aleatoricStd } = prediction;
  const at = (k: number, spread: Float32Array) => Array.from(mean, (m, i) => m + k * spread[i]!);
  const inner = kind === "spread" ? [at(1, std), at(-1, std)] : [at(2, aleatoricStd), at(-2, aleatoricStd)];
  return [Array.from(grid), at(2, std), at(-2, std), ...inner, Array.from(mean)];
}

export function emptyData(seriesCount: number): number[][] {
  return Array.from({ length: seriesCount }, () => []);
}
