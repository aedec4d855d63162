/**
 * Training per fit call, short enough that Stop lands well within a second. matrix yields to the
 * event loop every 20 ms with a zero timeout, which browsers clamp to 4 ms once timeouts nest more
 * than five deep: 100 ms chunks stay under that (measured: one 3000-epoch call is ~15% slower).
 * tfjs pays a fixed cost per call (uploading the data, reading losses back), which on a software
 * GPU is worth a whole epoch: longer chunks amortise it.
 */
export function chunkMsFor(backend: string): number {
  return backend === "tfjs" ? 300 : 100;
}
/** Redraw about ten times a second… */
const SNAPSHOT_MS = 100;
/** …but no more than once per 1% of the epochs… */
const SNAPSHOT_FRACTION = 0.01;
/** …and with at most a fifth of the time spent predicting (a GPU readback can be slow). */
const SNAPSHOT_COST_FACTOR = 4;

/** Sizes training chunks from the measured speed and says when a chunk ends with a snapshot. */
export class ChunkPlanner {
  private msPerEpoch: number | null = null;
  private snapshotMs = 0;
  private lastSnapshotEpoch = 0;
  private lastSnapshotAt: number;

  constructor(
    private readonly totalEpochs: number,
    private readonly chunkMs: number,
    now: number,
  ) {
    this.lastSnapshotAt = now;
  }

  /** Epochs for the next fit call; the first is a single epoch, to measure. */
  nextChunk(remaining: number): number {
    if (this.msPerEpoch === null) return Math.min(1, remaining);
    return Math.max(1, Math.min(remaining, Math.floor(this.chunkMs / this.msPerEpoch)));
  }

  /** Records how long `epochs` took; the rate is smoothed, since the first epochs include warm-up. */
  recordChunk(epochs: number, ms: number): void {
    const rate = ms / epochs;
    this.msPerEpoch = this.msPerEpoch === null ? rate : 0.5 * this.msPerEpoch + 0.5 * rate;
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
