import type { Prediction } from "@rpf/core";
import { DecompositionChart } from "./charts/decomposition-chart.js";
import { EnsembleChart, type PointEditing } from "./charts/ensemble-chart.js";
import type { ViewState } from "./charts/view-scales.js";
import type { DataStore } from "./data/points.js";
import { type PlaygroundHook, predictionForHook } from "./playground-hook.js";
import { byId } from "./ui/dom.js";

/**
 * The main chart and the one-member chart, fed by the worker. Predictions may arrive faster than
 * frames; only the latest is drawn, once per animation frame.
 */
export class PredictionView {
  private readonly ensembleChart: EnsembleChart;
  private readonly decompositionChart: DecompositionChart;
  private readonly memberSelect = byId<HTMLSelectElement>("member");
  private readonly memberCaption = byId<HTMLElement>("member-caption");
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
    this.ensembleChart = new EnsembleChart(byId("ensemble-chart"), view, points, editing, (ranges) => {
      hook.plotRanges = ranges;
    });
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
