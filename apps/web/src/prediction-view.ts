import type { Prediction } from "@rpf/core";
import type { BandKind } from "./charts/band-series.js";
import { DecompositionChart } from "./charts/decomposition-chart.js";
import { EnsembleChart, type PointEditing } from "./charts/ensemble-chart.js";
import type { ViewState } from "./charts/view-scales.js";
import type { DataStore } from "./data/points.js";
import { type PlaygroundHook, predictionForHook } from "./playground-hook.js";
import { byId } from "./ui/dom.js";

const CHART_LABELS: Record<BandKind, string> = {
  spread: "Chart of the data, every member's curve, the mean and the ±1σ and ±2σ bands",
  "noise-and-total":
    "Chart of the data, every member's curve, the mean, the ±2σ band of the predicted noise (aleatoric) and the ±2σ band of the total uncertainty",
};

/**
 * The main chart and the one-member chart, fed by the worker. Predictions may arrive faster than
 * frames; only the latest is drawn, once per animation frame.
 */
export class PredictionView {
  private readonly ensembleChart: EnsembleChart;
  private readonly decompositionChart: DecompositionChart;
  private readonly memberSelect = byId<HTMLSelectElement>("member");
  private readonly memberCaption = byId<HTMLElement>("member-caption");
  private readonly chartElement = byId<HTMLElement>("ensemble-chart");
  private grid: Float32Array = new Float32Array(0);
  private prediction: Prediction | null = null;
  private frame = 0;

  constructor(
    view: ViewState,
    data: DataStore,
    editing: PointEditing,
    private readonly hook: PlaygroundHook,
  ) {
    const points = () => data.points;
    this.ensembleChart = new EnsembleChart(
      byId("ensemble-chart"),
      view,
      points,
      editing,
      (ranges) => {
        hook.plotRanges = ranges;
      },
      (bands) => {
        hook.bands = bands;
        this.showLegendFor(bands?.kind ?? "spread");
      },
    );
    this.decompositionChart = new DecompositionChart(byId("decomposition-chart"), view, points);
    this.memberSelect.addEventListener("change", () => this.drawMember());
    this.syncMemberOptions(0);
  }

  show(grid: Float32Array, prediction: Prediction | null): void {
    this.grid = grid;
    this.prediction = prediction;
    this.hook.prediction = prediction ? predictionForHook(grid, prediction) : null;
    this.schedule();
  }

  /** The data or the view changed: redraw what is there. */
  redraw(): void {
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.syncMemberOptions(this.prediction?.memberCount ?? 0);
      this.ensembleChart.show(this.grid, this.prediction);
      this.drawMember();
    });
  }

  /** The legend names the bands drawn: ±1σ and ±2σ, or a Gaussian model's noise and total. */
  private showLegendFor(kind: BandKind): void {
    for (const item of document.querySelectorAll<HTMLElement>("[data-bands]")) {
      item.hidden = item.dataset.bands !== kind;
    }
    this.chartElement.setAttribute("aria-label", CHART_LABELS[kind]);
  }

  private drawMember(): void {
    const member = Number(this.memberSelect.value) || 0;
    this.decompositionChart.show(this.grid, this.prediction, member);
    const count = this.prediction?.memberCount ?? 0;
    this.memberCaption.textContent = count
      ? `Member ${member + 1} of ${count}: its prior β·p, its trainable part t, and their sum g.`
      : "Train to see a member's prior, trainable part and their sum.";
  }

  private syncMemberOptions(count: number): void {
    if (this.memberSelect.options.length === Math.max(count, 1)) return;
    const selected = Math.min(Number(this.memberSelect.value) || 0, Math.max(count - 1, 0));
    this.memberSelect.replaceChildren(
      ...Array.from({ length: Math.max(count, 1) }, (_, m) => new Option(`${m + 1}`, String(m))),
    );
    this.memberSelect.value = String(selected);
    this.memberSelect.disabled = count === 0;
  }
}
