import type { Prediction } from "@rpf/core";
import { BandChart } from "../charts/band-chart.js";
import type { DataStore } from "../data/points.js";
import type { Range, Views } from "../data/view-range.js";
import type { PlaygroundHook } from "../playground-hook.js";
import type { Session } from "../session.js";
import type { ValidatedSettings } from "../settings/validate-settings.js";
import { byId, formatSeconds } from "../ui/dom.js";
import type { WorkerResponse } from "../worker/protocol.js";
import { EXPERIMENTS, type ExperimentKind } from "./experiment-cells.js";

/** The small multiples share the near view's x axis and a y axis with room for wide bands. */
function multiplesRanges(views: Views): { x: Range; y: Range } {
  const { x, y } = views.near;
  const pad = (y.max - y.min) * 0.25;
  return { x, y: { min: y.min - pad, max: y.max + pad } };
}

/** Runs the notebook's β sweep or ablation in the worker and shows one small multiple per cell. */
export class ExperimentsPanel {
  private readonly grid = byId<HTMLElement>("experiment-grid");
  private readonly caption = byId<HTMLElement>("experiment-caption");
  private readonly buttons: Record<ExperimentKind, HTMLButtonElement> = {
    "beta-sweep": byId("run-beta-sweep"),
    ablation: byId("run-ablation"),
  };
  private charts: BandChart[] = [];

  constructor(
    private readonly session: Session,
    private readonly data: DataStore,
    private readonly views: () => Views,
    private readonly predictionGrid: () => Float32Array,
    /** The controls, validated; null when a field is invalid (the form then says which). */
    private readonly settings: () => ValidatedSettings | null,
    private readonly hook: PlaygroundHook,
  ) {
    for (const [kind, button] of Object.entries(this.buttons) as [ExperimentKind, HTMLButtonElement][]) {
      button.addEventListener("click", () => this.run(kind));
    }
    session.onBusy((busy) => {
      for (const button of Object.values(this.buttons)) button.disabled = busy;
    });
  }

  private run(kind: ExperimentKind): void {
    const settings = this.settings();
    if (!settings?.spec || this.session.running) return;
    const experiment = EXPERIMENTS[kind];
    const grid = this.predictionGrid();
    const ranges = multiplesRanges(this.views());
    this.layout(
      experiment.cells.map((cell) => cell.title),
      ranges,
    );
    this.hook.experiment = {
      name: experiment.name,
      x: Array.from(grid),
      cells: experiment.cells.map((cell) => ({ title: cell.title, mean: null, std: null })),
    };
    this.caption.textContent = `${experiment.name}: ${settings.spec.members} members, ${settings.spec.epochs} epochs each, on ${settings.backend}.`;
    this.session.begin(
      {
        type: "experiment",
        cells: experiment.cells,
        spec: settings.spec,
        backend: settings.backend,
        data: this.data.toTrainingData(),
        grid,
      },
      `${experiment.name}: ${experiment.cells[0]!.title}`,
      (response) =>
        this.onResponse(
          response,
          grid,
          experiment.name,
          experiment.cells.map((c) => c.title),
        ),
    );
  }

  private layout(titles: readonly string[], ranges: { x: Range; y: Range }): void {
    for (const chart of this.charts) chart.destroy();
    this.grid.replaceChildren();
    this.charts = titles.map((title) => {
      const figure = document.createElement("figure");
      const caption = document.createElement("figcaption");
      caption.textContent = title;
      const container = document.createElement("div");
      container.className = "chart";
      figure.append(caption, container);
      this.grid.append(figure);
      return new BandChart(
        container,
        () => ranges,
        () => this.data.points,
      );
    });
  }

  private draw(cell: number, grid: Float32Array, prediction: Prediction): void {
    this.charts[cell]?.show(grid, prediction);
  }

  private onResponse(response: WorkerResponse, grid: Float32Array, name: string, titles: readonly string[]): void {
    switch (response.type) {
      case "progress": {
        const cell = response.cell ?? 0;
        this.session.progress(
          response.epoch,
          response.targetEpoch,
          `${name}: ${titles[cell]} (${cell + 1} of ${titles.length})`,
        );
        if (response.prediction) this.draw(cell, grid, response.prediction);
        return;
      }
      case "experiment-cell": {
        this.draw(response.cell, grid, response.prediction);
        const cell = this.hook.experiment?.cells[response.cell];
        if (cell) {
          cell.mean = Array.from(response.prediction.mean);
          cell.std = Array.from(response.prediction.std);
        }
        return;
      }
      case "experiment-finished":
        if (response.outcome === "done") {
          this.session.end("done", `${name} finished in ${formatSeconds(response.elapsedMs)}.`);
        } else {
          this.session.end("idle", `${name} stopped.`);
        }
        return;
      case "failed":
        this.session.fail(response.message, response.errorName);
        return;
      default:
        return;
    }
  }
}
