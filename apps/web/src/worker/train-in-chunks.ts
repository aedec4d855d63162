import type { Dataset, Ensemble } from "@rpf/core";
import { ChunkPlanner, chunkMsFor } from "./chunk-planner.js";
import type { JobContext } from "./job-context.js";
import { type LatestLoss, lossCurve, meanOf } from "./loss-curve.js";
import type { LossPoints } from "./protocol.js";
import { yieldToMessages } from "./yield-to-messages.js";

export interface ChunkProgress {
  readonly epoch: number;
  readonly targetEpoch: number;
  /** The run's loss curve so far, from epoch 1 (it replaces the previous report's). */
  readonly loss: LossPoints;
  /** Whether this report should carry a prediction: predicting costs time, so not every chunk does. */
  readonly snapshot: boolean;
}

export interface ChunkedTraining {
  readonly outcome: "done" | "stopped";
  readonly epoch: number;
  readonly fitSeconds: number;
  /** The run's whole loss curve, epoch 1 to `epoch`. */
  readonly loss: LossPoints;
}

/**
 * Trains `epochs` epochs as a series of short fit calls (a second fit continues where the first
 * stopped, exactly), checking the signal between them and reporting after each one. Stopping
 * between fits rather than inside one keeps the model's epoch count exact, so a model exported
 * after Stop says what it holds. The loss curve comes from each fit's report, which covers the
 * whole run (not only that call), and the progress of the call's last epoch.
 */
export async function trainInChunks(
  ensemble: Ensemble,
  data: Dataset,
  epochs: number,
  signal: AbortSignal,
  onProgress: (progress: ChunkProgress) => Promise<void>,
): Promise<ChunkedTraining> {
  const planner = new ChunkPlanner(epochs, chunkMsFor(ensemble.backend), performance.now());
  let epoch = 0;
  let fitMs = 0;
  let loss: LossPoints = { epochs: [], values: [] };
  while (epoch < epochs) {
    await yieldToMessages();
    if (signal.aborted) return { outcome: "stopped", epoch, fitSeconds: fitMs / 1000, loss };
    const chunk = planner.nextChunk(epochs - epoch);
    const started = performance.now();
    let latest: LatestLoss | null = null;
    const report = await ensemble.fit(data, {
      epochs: chunk,
      // One progress call, at the chunk's last epoch: the report's thinned history may skip it.
      progressEvery: chunk,
      onProgress: (progress) => {
        latest = { epoch: progress.epoch, meanLoss: meanOf(progress.memberLosses) };
      },
    });
    const took = performance.now() - started;
    fitMs += took;
    planner.recordChunk(chunk, took);
    loss = lossCurve(report, latest);
    epoch += chunk;
    if (epoch === epochs) break;
    const snapshot = planner.wantsSnapshot(epoch, performance.now());
    const reported = performance.now();
    await onProgress({ epoch, targetEpoch: epochs, loss, snapshot });
    if (snapshot) planner.recordSnapshot(performance.now() - reported, performance.now());
  }
  return { outcome: "done", epoch, fitSeconds: fitMs / 1000, loss };
}

/**
 * trainInChunks for a job: each report is posted as a "progress" message (tagged with the
 * experiment cell, if any), carrying a prediction on `grid` when the planner says one is due.
 */
export function trainPostingProgress(
  ensemble: Ensemble,
  data: Dataset,
  grid: Float32Array,
  context: JobContext,
  started: number,
  cell?: number,
): Promise<ChunkedTraining> {
  return trainInChunks(ensemble, data, ensemble.spec.epochs, context.signal, async ({ snapshot, ...progress }) => {
    context.post({
      type: "progress",
      job: context.job,
      ...(cell === undefined ? {} : { cell }),
      ...progress,
      elapsedMs: performance.now() - started,
      prediction: snapshot ? await ensemble.predict(grid) : null,
    });
  });
}
