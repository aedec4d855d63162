import { exportOnnx, importOnnx } from "@rpf/backend-onnx";
import { decodeModel, Ensemble, encodeModel, type ModelData, modelFileReader, ShapeError } from "@rpf/core";
import type { JobContext } from "../job-context.js";
import type { ModelFileFormat } from "../protocol.js";

/** The model as file bytes: rpf's JSON model file or one ONNX graph of the whole ensemble. */
export function exportJob(model: ModelData, format: ModelFileFormat, context: JobContext): void {
  const bytes =
    format === "onnx" ? exportOnnx(model) : new TextEncoder().encode(encodeModel(model, { producer: "@rpf/web" }));
  context.post({ type: "exported", job: context.job, format, bytes });
}

/** rpf model files are JSON text, ONNX files protobuf; core's sniffing names anything else. */
function decodeModelFile(bytes: Uint8Array, fileName: string): ModelData {
  return modelFileReader(bytes, fileName) === "json" ? decodeModel(new TextDecoder().decode(bytes)) : importOnnx(bytes);
}

export interface LoadModelJob {
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
  readonly backend: string;
  readonly grid: Float32Array;
}

/** Reads a model file and predicts the grid with it on the chosen inference backend. */
export async function loadModelJob(request: LoadModelJob, context: JobContext): Promise<Ensemble> {
  const model = decodeModelFile(new Uint8Array(request.bytes), request.fileName);
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
