import { type ExperimentId, NOTEBOOK_EXPERIMENTS, type Prediction } from "@rpf/core";
import { BandChart } from "../charts/band-chart.js";
import type { DataStore } from "../data/points.js";
import type { Range, Views } from "../data/view-range.js";
import type { ExperimentCellState, PlaygroundHook } from "../playground-hook.js";
import type { Session } from "../session.js";
import type { ValidatedSettings } from "../settings/validate-settings.js";
import { byId, formatSeconds } from "../ui/dom.js";
import type { StaleResults } from "../ui/stale-results.js";
import type { JobResponse } from "../worker-client.js";

/** The small multiples share the near view's x axis and a y axis with room for wide bands. */
function multiplesRanges(views: Views): { x: Range; y: Range } {
  const { x, y } = views.near;
  const pad = (y.max - y.min) * 0.25;
  return { x, y: { min: y.min - pad, max: y.max + pad } };
}

/** What a cell's badge says in each state; a finished cell needs none. */
const STATE_LABELS: Record<ExperimentCellState, string> = {
  waiting: "waiting",
  training: "training…",
  done: "",
  stopped: "stopped",
  failed: "failed",
  "not run": "not run",
};

interface CellView {
  readonly chart: BandChart;
  readonly badge: HTMLElement;
  readonly container: HTMLElement;
}

/**
 * Runs the notebook's β sweep or ablation in the worker and shows one small multiple per cell,
 * each with its state: after Stop, the cell in training says "stopped" (its curves as far as they
 * got, dimmed) and the cells after it "not run".
 */
export class ExperimentsPanel {
  private readonly grid = byId<HTMLElement>("experiment-grid");
  private readonly caption = byId<HTMLElement>("experiment-caption");
  private readonly buttons: Record<ExperimentId, HTMLButtonElement> = {
    "beta-sweep": byId("run-beta-sweep"),
    ablation: byId("run-ablation"),
  };
  private cells: CellView[] = [];
  /** The cell in training and its latest epoch, for the "stopped" badge. */
  private current = { cell: 0, epoch: 0, target: 0 };

  constructor(
    private readonly session: Session,
    private readonly data: DataStore,
    private readonly views: () => Views,
    private readonly predictionGrid: () => Float32Array,
    /** The controls, validated; null when a field is invalid (the form then says which). */
    private readonly settings: () => ValidatedSettings | null,
    private readonly hook: PlaygroundHook,
    private readonly stale: StaleResults,
  ) {
    for (const [kind, button] of Object.entries(this.buttons) as [ExperimentId, HTMLButtonElement][]) {
      button.addEventListener("click", () => this.run(kind));
    }
    session.onBusy((busy) => {
      for (const button of Object.values(this.buttons)) button.disabled = busy;
    });
  }

  private run(kind: ExperimentId): void {
    const settings = this.settings();
    if (!settings?.spec || this.session.running) return;
    const experiment = NOTEBOOK_EXPERIMENTS[kind];
    const grid = this.predictionGrid();
    const ranges = multiplesRanges(this.views());
    this.hook.experiment = {
      name: experiment.name,
      x: Array.from(grid),
      cells: experiment.cells.map((cell) => ({ title: cell.caption, state: "waiting", mean: null, std: null })),
    };
    this.layout(
      experiment.cells.map((cell) => cell.caption),
      ranges,
    );
    this.current = { cell: 0, epoch: 0, target: settings.spec.epochs ?? 0 };
    this.setState(0, "training");
    this.stale.produced("experiment");
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
      `${experiment.name}: ${experiment.cells[0]!.caption}`,
      (response) =>
        this.onResponse(
          response,
          grid,
          experiment.name,
          experiment.cells.map((c) => c.caption),
        ),
    );
  }

  private layout(titles: readonly string[], ranges: { x: Range; y: Range }): void {
    for (const cell of this.cells) cell.chart.destroy();
    this.grid.replaceChildren();
    this.cells = titles.map((title) => {
      const figure = document.createElement("figure");
      const caption = document.createElement("figcaption");
      caption.textContent = title;
      const badge = document.createElement("span");
      badge.className = "cell-state";
      const container = document.createElement("div");
      container.className = "chart";
      figure.append(caption, badge, container);
      this.grid.append(figure);
      const chart = new BandChart(
        container,
        () => ranges,
        () => this.data.points,
      );
      return { chart, badge, container };
    });
    titles.forEach((_, cell) => {
      this.setState(cell, "waiting");
    });
  }

  private setState(cell: number, state: ExperimentCellState, detail = ""): void {
    const view = this.cells[cell];
    if (!view) return;
    const label = STATE_LABELS[state];
    view.badge.textContent = detail ? `${label} ${detail}` : label;
    view.badge.dataset.state = state;
    view.badge.hidden = label === "";
    // Curves of a cell that did not finish are not the cell's result.
    view.container.classList.toggle("unfinished", state === "stopped" || state === "failed");
    const hooked = this.hook.experiment?.cells[cell];
    if (hooked) hooked.state = state;
  }

  /** The cell in training ended early: it and every cell after it say so. */
  private endEarly(state: "stopped" | "failed"): void {
    const { cell, epoch, target } = this.current;
    const detail =
      state === "stopped" ? `at epoch ${epoch.toLocaleString("en")} of ${target.toLocaleString("en")}` : "";
    this.setState(cell, state, detail);
    for (let later = cell + 1; later < this.cells.length; later++) this.setState(later, "not run");
  }

  private draw(cell: number, grid: Float32Array, prediction: Prediction): void {
    this.cells[cell]?.chart.show(grid, prediction);
  }

  private onResponse(response: JobResponse, grid: Float32Array, name: string, titles: readonly string[]): void {
    switch (response.type) {
      case "progress": {
        const cell = response.cell ?? 0;
        if (cell !== this.current.cell) this.setState(cell, "training");
        this.current = { cell, epoch: response.epoch, target: response.targetEpoch };
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
        this.setState(response.cell, "done");
        if (response.cell + 1 < titles.length) {
          this.current = { cell: response.cell + 1, epoch: 0, target: this.current.target };
          this.setState(response.cell + 1, "training");
        }
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
          this.endEarly("stopped");
          this.session.end("idle", `${name} stopped.`);
        }
        return;
      case "failed":
        this.endEarly("failed");
        this.session.fail(response.message, response.error);
        return;
      default:
        return;
    }
  }
}
