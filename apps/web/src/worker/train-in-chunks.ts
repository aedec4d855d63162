import type { Dataset, Ensemble } from "@rpf/core";
import { ChunkPlanner, chunkMsFor } from "./chunk-planner.js";
import type { JobContext } from "./job-context.js";
import type { LossPoints } from "./protocol.js";
import { yieldToMessages } from "./yield-to-messages.js";

export interface ChunkProgress {
  readonly epoch: number;
  readonly targetEpoch: number;
  /** Loss points since the previous progress report. */
  readonly loss: LossPoints;
  /** Whether this report should carry a prediction: predicting costs time, so not every chunk does. */
  readonly snapshot: boolean;
}

export interface ChunkedTraining {
  readonly outcome: "done" | "stopped";
  readonly epoch: number;
  readonly fitSeconds: number;
  /** Loss points not yet reported. */
  readonly loss: LossPoints;
}

/**
 * Trains `epochs` epochs as a series of short fit calls (a second fit continues where the first
 * stopped, exactly), checking the signal between them and reporting after each one. Stopping
 * between fits rather than inside one keeps the model's epoch count exact, so a model exported
 * after Stop says what it holds. The loss comes from each fit's report, which has every epoch's.
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
    const report = await ensemble.fit(data, { epochs: chunk });
    const took = performance.now() - started;
    fitMs += took;
    planner.recordChunk(chunk, took);
    report.meanLossHistory.forEach((value, i) => {
      loss.epochs.push(epoch + i * report.lossEvery + 1);
      loss.values.push(value);
    });
    epoch += chunk;
    if (epoch === epochs) break;
    const snapshot = planner.wantsSnapshot(epoch, performance.now());
    const reported = performance.now();
    await onProgress({ epoch, targetEpoch: epochs, loss, snapshot });
    if (snapshot) planner.recordSnapshot(performance.now() - reported, performance.now());
    loss = { epochs: [], values: [] };
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
