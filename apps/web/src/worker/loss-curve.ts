import type { TrainingReport } from "@rpf/core";
import type { LossPoints } from "./protocol.js";

/** The mean loss across members in the latest epoch trained, and that epoch (counted from 1). */
export interface LatestLoss {
  readonly epoch: number;
  readonly meanLoss: number;
}

/**
 * The whole run's loss curve so far, epoch 1 to the latest: the report's mean-loss history
 * (every `lossEvery`-th epoch of the run, however many fit calls it took: index i is epoch
 * i·lossEvery + 1), then the latest epoch, which the thinned history usually skips. Sent whole
 * at every report and drawn in place of the previous curve, so no chunk is drawn twice.
 */
export function lossCurve(
  report: Pick<TrainingReport, "lossEvery" | "meanLossHistory">,
  latest: LatestLoss | null,
): LossPoints {
  const epochs = report.meanLossHistory.map((_, i) => i * report.lossEvery + 1);
  const values = [...report.meanLossHistory];
  if (latest && latest.epoch > (epochs.at(-1) ?? 0)) {
    epochs.push(latest.epoch);
    values.push(latest.meanLoss);
  }
  return { epochs, values };
}

/** The mean of one epoch's member losses. */
export function meanOf(memberLosses: ArrayLike<number>): number {
  let sum = 0;
  for (let m = 0; m < memberLosses.length; m++) sum += memberLosses[m]!;
  return sum / memberLosses.length;
}
