import { createDataset, Ensemble, type EnsembleSpecInput, type ExperimentCell } from "@rpf/core";
import type { JobContext } from "../job-context.js";
import type { TrainingData } from "../protocol.js";
import { predictionSnapshot, trainPostingProgress } from "../train-posting-progress.js";

export interface ExperimentJob {
  readonly cells: readonly ExperimentCell[];
  readonly spec: EnsembleSpecInput;
  readonly backend: string;
  readonly data: TrainingData;
  readonly grid: Float32Array;
}

/** Trains one ensemble per cell (the form's spec with the cell's β and bootstrap), one after another (two cores: parallel cells would only contend). */
export async function experimentJob(request: ExperimentJob, context: JobContext): Promise<void> {
  const started = performance.now();
  const data = createDataset(request.data.x, request.data.y);
  for (const [cell, overrides] of request.cells.entries()) {
    const ensemble = await Ensemble.create(
      { ...request.spec, priorScale: overrides.priorScale, bootstrap: { kind: overrides.bootstrap } },
      { backend: request.backend },
    );
    try {
      const result = await trainPostingProgress(
        ensemble,
        data,
        predictionSnapshot(ensemble, request.grid),
        context,
        started,
        cell,
      );
      if (result.outcome === "stopped") {
        context.post({
          type: "experiment-finished",
          job: context.job,
          outcome: "stopped",
          elapsedMs: performance.now() - started,
        });
        return;
      }
      context.post({
        type: "experiment-cell",
        job: context.job,
        cell,
        prediction: await ensemble.predict(request.grid),
      });
    } finally {
      await ensemble.dispose();
    }
  }
  context.post({
    type: "experiment-finished",
    job: context.job,
    outcome: "done",
    elapsedMs: performance.now() - started,
  });
}
