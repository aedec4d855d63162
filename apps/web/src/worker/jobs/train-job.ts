import { createDataset, Ensemble, type EnsembleSpecInput } from "@rpf/core";
import { classSnapshot } from "../class-snapshot.js";
import type { JobContext } from "../job-context.js";
import type { TestPoints, TrainingData } from "../protocol.js";
import { predictionSnapshot, trainPostingProgress } from "../train-posting-progress.js";

export interface TrainJob {
  readonly spec: EnsembleSpecInput;
  readonly backend: string;
  readonly data: TrainingData;
  readonly grid: Float32Array;
  readonly test?: TestPoints;
}

/**
 * Trains one ensemble, posting snapshots on the grid as it goes (predictions for a regression,
 * class probabilities, mutual information and test scores for a categorical head); returns it
 * for export.
 */
export async function trainJob(request: TrainJob, context: JobContext): Promise<Ensemble> {
  const started = performance.now();
  const { x, y, inputSize = 1, outputSize = 1 } = request.data;
  const data = createDataset(x, y, inputSize, outputSize);
  const ensemble = await Ensemble.create(request.spec, { backend: request.backend });
  try {
    const snapshot =
      ensemble.spec.head === "categorical"
        ? classSnapshot(ensemble, request.grid, request.test)
        : predictionSnapshot(ensemble, request.grid);
    const result = await trainPostingProgress(ensemble, data, snapshot, context, started);
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
      ...(await snapshot()),
    });
    return ensemble;
  } catch (error) {
    await ensemble.dispose();
    throw error;
  }
}
