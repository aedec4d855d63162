/** Redraw about ten times a second… */
const SNAPSHOT_MS = 100;
/** …but no more than once per 1% of the epochs… */
const SNAPSHOT_FRACTION = 0.01;
/** …and with at most a fifth of the time spent predicting (a GPU readback can be slow). */
const SNAPSHOT_COST_FACTOR = 4;

/** Says which progress reports carry a prediction: predicting costs time, so not every one does. */
export class SnapshotPlanner {
  private snapshotMs = 0;
  private lastSnapshotEpoch = 0;
  private lastSnapshotAt: number;

  constructor(
    private readonly totalEpochs: number,
    now: number,
  ) {
    this.lastSnapshotAt = now;
  }

  /** Whether to predict and post now, part-way through (the caller reports the end itself). */
  wantsSnapshot(epoch: number, now: number): boolean {
    const due =
      epoch < this.totalEpochs &&
      now - this.lastSnapshotAt >= Math.max(SNAPSHOT_MS, SNAPSHOT_COST_FACTOR * this.snapshotMs) &&
      epoch - this.lastSnapshotEpoch >= this.totalEpochs * SNAPSHOT_FRACTION;
    if (due) this.lastSnapshotEpoch = epoch;
    return due;
  }

  /** Records how long the snapshot took; the next one waits in proportion. */
  recordSnapshot(ms: number, now: number): void {
    this.snapshotMs = ms;
    this.lastSnapshotAt = now;
  }
}
