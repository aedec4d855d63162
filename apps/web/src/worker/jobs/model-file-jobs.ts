import { onnxModelCodec } from "@rpf/backend-onnx";
import {
  Ensemble,
  type ModelData,
  type ModelFileFormat,
  readModel,
  registerOnnxModelCodec,
  ShapeError,
  writeModel,
} from "@rpf/core";
import type { JobContext } from "../job-context.js";

registerOnnxModelCodec(onnxModelCodec);

/** The model as file bytes: rpf's JSON model file or one ONNX graph of the whole ensemble. */
export async function exportJob(model: ModelData, format: ModelFileFormat, context: JobContext): Promise<void> {
  const bytes = await writeModel(model, format, { producer: "@rpf/web" });
  context.post({ type: "exported", job: context.job, format, bytes });
}

export interface LoadModelJob {
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
  readonly backend: string;
  readonly grid: Float32Array;
}

/** Reads a model file and predicts the grid with it on the chosen inference backend. */
export async function loadModelJob(request: LoadModelJob, context: JobContext): Promise<Ensemble> {
  // Core's readModel judges the bytes (JSON or ONNX) and names anything else.
  const model = await readModel(new Uint8Array(request.bytes), { source: request.fileName });
  const { inputSize, outputSize } = model.spec;
  if (inputSize !== 1 || outputSize !== 1) {
    throw new ShapeError(
      `${request.fileName} has ${inputSize} input and ${outputSize} output columns; the playground plots models with one of each`,
      { field: "model" },
    );
  }
  const ensemble = await Ensemble.fromModel(model, { backend: request.backend });
  try {
    const prediction = await ensemble.predict(request.grid);
    const { members, priorScale, head } = model.spec;
    // Only a Gaussian model names its head: a squared-error model reads as it always did.
    const headNote = head === "gaussian" ? ", Gaussian head (mean + noise)" : "";
    const trained = model.training ? `, trained ${model.training.epochs} epochs on ${model.training.backend}` : "";
    context.post({
      type: "model-loaded",
      job: context.job,
      description: `${request.fileName}: ${members} members, β = ${priorScale}${headNote}${trained}`,
      spec: model.spec,
      trainedOn: model.training ? { backend: model.training.backend, device: model.training.device } : null,
      backend: ensemble.backend,
      device: ensemble.device,
      prediction,
    });
    return ensemble;
  } catch (error) {
    await ensemble.dispose();
    throw error;
  }
}
