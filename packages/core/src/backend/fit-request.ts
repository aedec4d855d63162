import type { Dataset } from "../data/dataset.js";

/** What the fit loop reports at its progress cadence. */
export interface FitProgress {
  /** Epochs completed by the handle so far, across fit calls (a resumed run counts from its checkpoint). */
  readonly epoch: number;
  /** The epoch this fit call will stop at. */
  readonly targetEpoch: number;
  /** Each member's loss in the latest epoch, [members]. */
  readonly memberLosses: Float64Array;
  /**
   * Every member's loss in each epoch since the previous report of this fit (or its start),
   * [epochs, members] row-major: no epoch is missed, whatever the cadence.
   */
  readonly recentLosses: Float64Array;
}

/** A pause in training every `every` epochs (a checkpoint): training waits for `at`. */
export interface FitPause {
  /** Epochs between pauses, a whole number >= 1; none after the last epoch. */
  readonly every: number;
  /** Receives the epoch count at the pause (across fit calls); the time it takes is not training time. */
  readonly at: (epoch: number) => unknown;
}

/**
 * A check every `every` epochs that may end training early (validation with patience): `at`
 * receives the epoch count (across fit calls) and returns true to stop there. Training waits for it.
 */
export interface FitStopCheck {
  readonly every: number;
  readonly at: (epoch: number) => Promise<boolean> | boolean;
}

/** One fit call on a handle: what to train on, for how long, and how to report. */
export interface FitRequest {
  /** Training data, already standardised. */
  readonly data: Dataset;
  /**
   * Per-member example weights [members, n] (the bootstrap); or a function that joins them, which
   * the session calls only when it must prepare every row (an update whose handle appends needs
   * only appendedWeights, so the weights held are not joined at every call).
   */
  readonly exampleWeights: Float32Array | (() => Float32Array);
  /**
   * The data of a previous fit on this session whose rows (targets and example weights too) are
   * data's first rows, unchanged: when it is the data the handle holds now, the session hands the
   * handle only the rows after them (EnsembleHandle.appendTraining, where the handle has it), and
   * checks only those for non-finite values.
   */
  readonly appendTo?: Dataset;
  /** With appendTo: the example weights of the rows after appendTo's, [members, n − appendTo.n]. */
  readonly appendedWeights?: Float32Array;
  /** Epochs to train, a whole number >= 0. */
  readonly epochs: number;
  /** Aborting it stops training at the next slice boundary with AbortedError. */
  readonly signal?: AbortSignal;
  /** Called at the progress cadence; training waits for a returned promise (to predict a snapshot, say). */
  readonly onProgress?: (progress: FitProgress) => unknown;
  /** Epochs between progress reports, a whole number >= 1 (default: about 100 reports per fit). */
  readonly progressEvery?: number;
  /**
   * Milliseconds after which the end of a time slice is reported too, whatever the epoch: for a
   * page that redraws while training (default: none, epochs alone set the cadence).
   */
  readonly progressMs?: number;
  readonly pause?: FitPause;
  /** Also checked after the last epoch; a stop leaves epochsCompleted < epochs. */
  readonly stopCheck?: FitStopCheck;
  /**
   * Receives every slice's losses, [epochs, members], as soon as they are checked: a caller
   * that keeps a record of the run stays exact even when the fit is aborted or diverges later.
   */
  readonly onLosses?: (losses: Float64Array) => void;
}

/** What one fit call trained. */
export interface FitResult {
  /** `epochs`, or fewer when stopCheck stopped training. */
  readonly epochsCompleted: number;
  /** [epochsCompleted, members]: each member's loss in each epoch of this call (the contract's epoch loss). */
  readonly lossHistory: Float64Array;
  /** Each member's loss with its final parameters on the whole training set, [members]. */
  readonly finalLosses: Float64Array;
  /** Seconds spent in the handle (preparing, training, final losses); pauses and progress callbacks excluded. */
  readonly seconds: number;
}
