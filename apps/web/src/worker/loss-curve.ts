import type { LossPoints } from "./protocol.js";

/** The most points a run's loss curve keeps before its latest epoch, however long the run. */
export const LOSS_CURVE_POINTS = 200;

/**
 * A run's loss curve, epoch 1 to the latest epoch trained, thinned so that it stays a few
 * hundred points however long the run: it keeps every `every`-th epoch (1, 1 + every, …) and the
 * latest one, which the thinning usually skips. The worker sends it whole at every report and
 * the chart draws it in place of the previous one, so no part of a run is drawn twice.
 */
export class RunLossCurve {
  private readonly every: number;
  private readonly kept: LossPoints = { epochs: [], values: [] };
  private latest: { epoch: number; meanLoss: number } | null = null;

  constructor(targetEpochs: number) {
    this.every = Math.max(1, Math.ceil(targetEpochs / LOSS_CURVE_POINTS));
  }

  /** Adds the mean loss across members of each epoch in `losses` [epochs, members], numbered from `firstEpoch`. */
  addEpochs(losses: ArrayLike<number>, firstEpoch: number, members: number): void {
    const epochs = losses.length / members;
    for (let e = 0; e < epochs; e++) {
      let sum = 0;
      for (let m = 0; m < members; m++) sum += losses[e * members + m]!;
      const epoch = firstEpoch + e;
      const meanLoss = sum / members;
      this.latest = { epoch, meanLoss };
      if ((epoch - 1) % this.every === 0) {
        this.kept.epochs.push(epoch);
        this.kept.values.push(meanLoss);
      }
    }
  }

  /** The curve so far, as a copy: the kept epochs, then the latest epoch if it was not kept. */
  points(): LossPoints {
    const curve = { epochs: [...this.kept.epochs], values: [...this.kept.values] };
    if (this.latest && this.latest.epoch > (curve.epochs.at(-1) ?? 0)) {
      curve.epochs.push(this.latest.epoch);
      curve.values.push(this.latest.meanLoss);
    }
    return curve;
  }
}
