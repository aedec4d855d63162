import type { EnsembleSpec } from "@rpf/core";
import { type PlaygroundHook, recordFailure } from "../playground-hook.js";
import type { PredictionView } from "../prediction-view.js";
import type { Session } from "../session.js";
import { settingsTheFormLacks, type TrainedOn } from "../settings/model-values.js";
import type { ModelFileFormat } from "../worker/protocol.js";
import type { JobResponse, WorkerClient } from "../worker-client.js";
import { byId, showError } from "./dom.js";
import { download } from "./download.js";
import type { StaleResults } from "./stale-results.js";

const FILES: Record<ModelFileFormat, { name: string; type: string }> = {
  rpf: { name: "rpf-model.json", type: "application/json" },
  onnx: { name: "rpf-model.onnx", type: "application/octet-stream" },
};

/** Export the current model (rpf file or ONNX) and load one back to run it on onnxruntime-web. */
export class ModelPanel {
  private readonly exportButtons: Record<ModelFileFormat, HTMLButtonElement> = {
    rpf: byId("export-rpf"),
    onnx: byId("export-onnx"),
  };
  private readonly fileInput = byId<HTMLInputElement>("model-file");
  private readonly backendSelect = byId<HTMLSelectElement>("inference-backend");
  private readonly message = byId<HTMLElement>("model-message");
  private readonly error = byId<HTMLElement>("model-error");
  private hasModel = false;
  private busy = false;

  constructor(
    private readonly worker: WorkerClient,
    session: Session,
    private readonly predictions: PredictionView,
    private readonly hook: PlaygroundHook,
    private readonly grid: () => Float32Array,
    /** Told a loaded model's settings, for the form. */
    private readonly onSettings: (spec: EnsembleSpec, trainedOn: TrainedOn | null) => void,
    private readonly stale: StaleResults,
  ) {
    for (const [format, button] of Object.entries(this.exportButtons) as [ModelFileFormat, HTMLButtonElement][]) {
      button.addEventListener("click", () => this.export(format));
    }
    this.fileInput.addEventListener("change", () => {
      this.load().catch((error: unknown) => {
        this.message.textContent = "";
        showError(this.error, `could not read the file: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    session.onBusy((busy) => {
      this.busy = busy;
      this.sync();
    });
  }

  /** A model was trained or loaded: it can be exported. */
  modelReady(): void {
    this.hasModel = true;
    this.sync();
  }

  /** The worker that held the model has gone: there is nothing to export until the next one. */
  modelLost(): void {
    this.hasModel = false;
    this.sync();
  }

  private sync(): void {
    for (const button of Object.values(this.exportButtons)) button.disabled = this.busy || !this.hasModel;
    this.fileInput.disabled = this.busy;
  }

  private export(format: ModelFileFormat): void {
    showError(this.error, null);
    this.worker.start({ type: "export", format }, (response) => {
      this.worker.finish(response.job);
      if (response.type === "exported") {
        download(FILES[format].name, response.bytes, FILES[format].type);
        this.message.textContent = `Saved ${FILES[format].name} (${response.bytes.length.toLocaleString("en")} bytes).`;
      } else if (response.type === "failed") {
        this.failed(response.message, response.error);
      }
    });
  }

  private async load(): Promise<void> {
    const file = this.fileInput.files?.[0];
    if (!file) return;
    showError(this.error, null);
    const backend = this.backendSelect.value;
    this.message.textContent = `Loading ${file.name} on ${backend}…`;
    const grid = this.grid();
    const bytes = await file.arrayBuffer();
    // Cleared, so choosing the same file again loads it again.
    this.fileInput.value = "";
    this.worker.start({ type: "load-model", fileName: file.name, bytes, backend, grid }, (response) =>
      this.onLoaded(response, grid),
    );
  }

  private onLoaded(response: JobResponse, grid: Float32Array): void {
    this.worker.finish(response.job);
    if (response.type === "model-loaded") {
      this.predictions.show(grid, response.prediction);
      this.onSettings(response.spec, response.trainedOn);
      // A loaded model's curves come from its file, not from the controls or the data.
      this.stale.produced("run", false);
      const lacking = settingsTheFormLacks(response.spec);
      const settings = lacking.length
        ? `The form now shows its settings, except ${lacking.join(", ")}: the form has no control for ${lacking.length === 1 ? "it" : "them"}, so Train would not reproduce ${lacking.length === 1 ? "it" : "them"}.`
        : "The form now shows its settings.";
      this.message.textContent = `${response.description}; predicting on ${response.backend}:${response.device}. ${settings}`;
      this.hook.status = "done";
      this.modelReady();
    } else if (response.type === "failed") {
      this.message.textContent = "";
      this.failed(response.message, response.error);
    }
  }

  /** Shown next to the model controls; the hook records it as any failure on the page. */
  private failed(message: string, error: Error | null): void {
    showError(this.error, message);
    recordFailure(this.hook, message, error);
  }
}
