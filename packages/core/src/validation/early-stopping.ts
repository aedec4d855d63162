import { InvalidArgumentError } from "../errors.js";

/**
 * Tracks the best validation score of a run and says when to stop: once `patience` epochs have
 * passed since the best one (strictly lower score; the first of equal scores is kept). Without
 * patience it only tracks the best.
 */
export class EarlyStopping {
  private best = Number.POSITIVE_INFINITY;
  private bestAt = 0;

  /** @throws {InvalidArgumentError} when patience is not a whole number >= 1. */
  constructor(readonly patience: number | null) {
    if (patience !== null && !(Number.isSafeInteger(patience) && patience >= 1)) {
      throw new InvalidArgumentError(`patience must be a whole number of epochs >= 1, got ${patience}`, {
        field: "patience",
      });
    }
  }

  /** The epoch (counted from 1) with the lowest validation score so far; 0 before any. */
  get bestEpoch(): number {
    return this.bestAt;
  }

  /** The lowest validation score so far (lower is better); Infinity before any. */
  get bestScore(): number {
    return this.best;
  }

  /**
   * Records the score after `epoch`; a non-finite score never counts as an improvement.
   * @returns whether it improved on the best, and whether training should stop now.
   */
  record(epoch: number, score: number): { readonly improved: boolean; readonly stop: boolean } {
    const improved = score < this.best;
    if (improved) {
      this.best = score;
      this.bestAt = epoch;
    }
    const stop = this.patience !== null && epoch - this.bestAt >= this.patience;
    return { improved, stop };
  }
}
