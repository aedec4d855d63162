import { AbortedError, type Dataset, type Ensemble, type FitProgress, type Prediction } from "@rpf/core";
import type { JobContext } from "./job-context.js";
import type { ClassSnapshot, LossPoints } from "./protocol.js";
import { SnapshotPlanner } from "./snapshot-planner.js";

/** The page hears from training at least this often (at the next time slice's end), however slow an epoch. */
const PROGRESS_MS = 100;

/** What a progress report shows of the model: a regression's prediction, or a classification's snapshot. */
export interface GridSnapshot {
  readonly prediction: Prediction | null;
  readonly classes?: ClassSnapshot;
}

/** The snapshot of a regression run: the ensemble's prediction on the grid. */
export function predictionSnapshot(ensemble: Ensemble, grid: Float32Array): () => Promise<GridSnapshot> {
  return async () => ({ prediction: await ensemble.predict(grid) });
}

export interface TrainingOutcome {
  /** "stopped" when Stop aborted the fit: the model holds the epochs trained until then. */
  readonly outcome: "done" | "stopped";
  readonly epoch: number;
  readonly fitSeconds: number;
  /** Loss points not yet reported. */
  readonly loss: LossPoints;
}

/**
 * Appends each epoch's mean loss across members from `losses` [epochs, members], the epochs
 * counted from 1 after `epochBefore`.
 */
function appendMeans(points: LossPoints, losses: ArrayLike<number>, epochBefore: number, members: number): void {
  const epochs = losses.length / members;
  for (let e = 0; e < epochs; e++) {
    let sum = 0;
    for (let m = 0; m < members; m++) sum += losses[e * members + m]!;
    points.epochs.push(epochBefore + e + 1);
    points.values.push(sum / members);
  }
}

/**
 * Trains the ensemble's epochs with core's fit loop, Stop aborting it between time slices. Each
 * progress report is posted as a "progress" message (tagged with the experiment cell, if any)
 * with every epoch's mean loss since the previous one, and a `snapshot` of the model when the
 * planner says one is due; training waits for it. The end is left to the caller to report, with
 * the loss points not yet reported.
 */
export async function trainPostingProgress(
  ensemble: Ensemble,
  data: Dataset,
  snapshot: () => Promise<GridSnapshot>,
  context: JobContext,
  started: number,
  cell?: number,
): Promise<TrainingOutcome> {
  const members = ensemble.spec.members;
  const planner = new SnapshotPlanner(ensemble.spec.epochs, performance.now());
  let loss: LossPoints = { epochs: [], values: [] };
  let reportedEpoch = 0;
  const onProgress = async (progress: FitProgress) => {
    appendMeans(loss, progress.recentLosses, reportedEpoch, members);
    reportedEpoch = progress.epoch;
    if (progress.epoch === progress.targetEpoch) return;
    const due = planner.wantsSnapshot(progress.epoch, performance.now());
    const reported = performance.now();
    context.post({
      type: "progress",
      job: context.job,
      ...(cell === undefined ? {} : { cell }),
      epoch: progress.epoch,
      targetEpoch: progress.targetEpoch,
      loss,
      elapsedMs: performance.now() - started,
      ...(due ? await snapshot() : { prediction: null }),
    });
    if (due) planner.recordSnapshot(performance.now() - reported, performance.now());
    loss = { epochs: [], values: [] };
  };
  let outcome: TrainingOutcome["outcome"] = "done";
  try {
    await ensemble.fit(data, { signal: context.signal, onProgress, progressMs: PROGRESS_MS });
  } catch (error) {
    if (!AbortedError.isInstance(error)) throw error;
    outcome = "stopped";
    // The epochs after the last report are in the ensemble's record, which an abort keeps exact.
    appendMeans(loss, ensemble.lossHistory.subarray(reportedEpoch * members), reportedEpoch, members);
  }
  const training = ensemble.training;
  return { outcome, epoch: training?.epochs ?? 0, fitSeconds: training?.trainSeconds ?? 0, loss };
}
