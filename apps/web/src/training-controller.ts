import { LossChart } from "./charts/loss-chart.js";
import type { PlaygroundHook } from "./playground-hook.js";
import type { PredictionView } from "./prediction-view.js";
import type { Session } from "./session.js";
import type { ValidatedSettings } from "./settings/validate-settings.js";
import { byId, formatSeconds } from "./ui/dom.js";
import type { StaleResults } from "./ui/stale-results.js";
import type { ClassSnapshot, TestPoints, TrainingData } from "./worker/protocol.js";
import type { JobResponse } from "./worker-client.js";

/** What one run trains on and where it is evaluated while training (and, classifying, its held-out points). */
export interface RunInputs {
  readonly data: TrainingData;
  readonly grid: Float32Array;
  readonly test?: TestPoints;
}

/**
 * Train: sends the controls and the data to the worker and draws what comes back — a regression's
 * curves in the prediction view, a classification's heatmaps and scores in the class view.
 */
export class TrainingController {
  private readonly lossChart: LossChart;

  constructor(
    private readonly session: Session,
    /** The current view's data and grid. */
    private readonly inputs: () => RunInputs,
    private readonly predictions: PredictionView,
    private readonly classes: { show(snapshot: ClassSnapshot | null): void },
    private readonly hook: PlaygroundHook,
    /** Told when a model is ready for export, and when the worker has let the previous one go. */
    private readonly model: { modelReady(): void; modelLost(): void },
    private readonly stale: StaleResults,
  ) {
    this.lossChart = new LossChart(byId("loss-chart"), (curve) => {
      hook.lossCurve = curve;
    });
  }

  train(settings: ValidatedSettings): void {
    if (!settings.spec || this.session.running) return;
    const { data, grid, test } = this.inputs();
    // The previous run's curves would pass for this run's until its first snapshot.
    this.predictions.show(grid, null);
    this.classes.show(null);
    this.lossChart.clear(settings.spec.head ?? "mse");
    this.stale.produced("run");
    // The worker frees the previous model before it trains the next.
    this.model.modelLost();
    this.session.begin(
      { type: "train", spec: settings.spec, backend: settings.backend, data, grid, ...(test ? { test } : {}) },
      `Starting ${settings.backend}…`,
      (response) => this.onResponse(response, grid, settings.backend),
    );
  }

  /** New data: the loss curve was the old data's. */
  clearLoss(): void {
    this.lossChart.clear();
  }

  private onResponse(response: JobResponse, grid: Float32Array, backend: string): void {
    switch (response.type) {
      case "progress":
        this.session.progress(response.epoch, response.targetEpoch, `Training on ${backend}`);
        this.lossChart.append(response.loss);
        if (response.prediction) this.predictions.show(grid, response.prediction);
        if (response.classes) this.classes.show(response.classes);
        return;
      case "trained": {
        this.session.progress(response.epoch, response.targetEpoch);
        this.lossChart.append(response.loss);
        if (response.prediction) this.predictions.show(grid, response.prediction);
        if (response.classes) this.classes.show(response.classes);
        const where = `${response.backend}:${response.device}`;
        this.hook.lastRun = {
          fitSeconds: response.fitSeconds,
          elapsedMs: response.elapsedMs,
          backend: response.backend,
          device: response.device,
        };
        const loss = this.lossChart.latest();
        const detail = `${where} · fit ${formatSeconds(response.fitSeconds * 1000)}${loss === null ? "" : ` · loss ${loss.toPrecision(3)}`}`;
        if (response.outcome === "done") {
          this.session.end(
            "done",
            `Trained ${response.epoch.toLocaleString("en")} epochs in ${formatSeconds(response.elapsedMs)}.`,
            detail,
          );
        } else {
          this.session.end("idle", `Stopped after ${response.epoch.toLocaleString("en")} epochs.`, detail);
        }
        this.model.modelReady();
        return;
      }
      case "failed":
        this.session.fail(response.message, response.error);
        return;
      default:
        return;
    }
  }
}
