import { type Dataset, type Ensemble, type FitProgress, isRpfError } from "@rpf/core";
import type { JobContext } from "./job-context.js";
import { RunLossCurve } from "./loss-curve.js";
import type { LossPoints } from "./protocol.js";
import { SnapshotPlanner } from "./snapshot-planner.js";

/** The page hears from training at least this often (at the next time slice's end), however slow an epoch. */
const PROGRESS_MS = 100;

export interface TrainingOutcome {
  /** "stopped" when Stop aborted the fit: the model holds the epochs trained until then. */
  readonly outcome: "done" | "stopped";
  readonly epoch: number;
  readonly fitSeconds: number;
  /** The run's whole loss curve, epoch 1 to `epoch`. */
  readonly loss: LossPoints;
}

/**
 * Trains the ensemble's epochs with core's fit loop, Stop aborting it between time slices. Each
 * progress report is posted as a "progress" message (tagged with the experiment cell, if any)
 * with the run's whole loss curve so far (which replaces the previous one), and a prediction on `grid` when the
 * planner says one is due; training waits for it. The end is left to the caller to report, with
 * the whole curve.
 */
export async function trainPostingProgress(
  ensemble: Ensemble,
  data: Dataset,
  grid: Float32Array,
  context: JobContext,
  started: number,
  cell?: number,
): Promise<TrainingOutcome> {
  const members = ensemble.spec.members;
  const planner = new SnapshotPlanner(ensemble.spec.epochs, performance.now());
  const loss = new RunLossCurve(ensemble.spec.epochs);
  let reportedEpoch = 0;
  const onProgress = async (progress: FitProgress) => {
    loss.addEpochs(progress.recentLosses, reportedEpoch + 1, members);
    reportedEpoch = progress.epoch;
    if (progress.epoch === progress.targetEpoch) return;
    const snapshot = planner.wantsSnapshot(progress.epoch, performance.now());
    const reported = performance.now();
    context.post({
      type: "progress",
      job: context.job,
      ...(cell === undefined ? {} : { cell }),
      epoch: progress.epoch,
      targetEpoch: progress.targetEpoch,
      loss: loss.points(),
      elapsedMs: performance.now() - started,
      prediction: snapshot ? await ensemble.predict(grid) : null,
    });
    if (snapshot) planner.recordSnapshot(performance.now() - reported, performance.now());
  };
  let outcome: TrainingOutcome["outcome"] = "done";
  try {
    await ensemble.fit(data, { signal: context.signal, onProgress, progressMs: PROGRESS_MS });
  } catch (error) {
    if (!(isRpfError(error) && error.code === "aborted")) throw error;
    outcome = "stopped";
    // The epochs after the last report are in the ensemble's record, which an abort keeps exact.
    loss.addEpochs(ensemble.lossHistory.subarray(reportedEpoch * members), reportedEpoch + 1, members);
  }
  const training = ensemble.training;
  return { outcome, epoch: training?.epochs ?? 0, fitSeconds: training?.trainSeconds ?? 0, loss: loss.points() };
}
