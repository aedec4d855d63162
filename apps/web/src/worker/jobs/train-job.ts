import { createDataset, Ensemble, type EnsembleSpecInput } from "@rpf/core";
import type { JobContext } from "../job-context.js";
import type { TrainingData } from "../protocol.js";
import { trainPostingProgress } from "../train-posting-progress.js";

export interface TrainJob {
  readonly spec: EnsembleSpecInput;
  readonly backend: string;
  readonly data: TrainingData;
  readonly grid: Float32Array;
}

/** Trains one ensemble, posting predictions on the grid as it goes; returns it for export. */
export async function trainJob(request: TrainJob, context: JobContext): Promise<Ensemble> {
  const started = performance.now();
  const data = createDataset(request.data.x, request.data.y);
  const ensemble = await Ensemble.create(request.spec, { backend: request.backend });
  try {
    const result = await trainPostingProgress(ensemble, data, request.grid, context, started);
    context.post({
      type: "trained",
      job: context.job,
      outcome: result.outcome,
      epoch: result.epoch,
      targetEpoch: ensemble.spec.epochs,
      loss: result.loss,
      elapsedMs: performance.now() - started,
      fitSeconds: result.fitSeconds,
      backend: ensemble.backend,
      device: ensemble.device,
      prediction: await ensemble.predict(request.grid),
    });
    return ensemble;
  } catch (error) {
    await ensemble.dispose();
    throw error;
  }
}
