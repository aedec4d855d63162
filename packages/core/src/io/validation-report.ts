/** What a validation split measured, stored in the model's training report. */
export interface ValidationReport {
  /** The fraction of rows held out, and how many that was. */
  readonly fraction: number;
  readonly count: number;
  /** "nll" (Gaussian head: mean Gaussian NLL per value, target units) or "mse" (mse head). */
  readonly metric: "nll" | "mse";
  /** Epochs between validation scores. */
  readonly every: number;
  /** Epochs without improvement before stopping; null: no early stopping. */
  readonly patience: number | null;
  /** The epoch whose parameters the model holds and its score. */
  readonly bestEpoch: number;
  readonly score: number;
  /** The epoch training stopped at (> bestEpoch after early stopping). */
  readonly stoppedEpoch: number;
  /** Set when the run was chosen by a grid search (searchGrid). */
  readonly search?: GridSearchReport;
}

/** One candidate of a grid search and its validation score. */
export interface GridCandidate {
  readonly priorScale: number;
  readonly weightDecay: number;
  readonly score: number;
  readonly bestEpoch: number;
}

/** A β / weight-decay grid search (`--beta auto`) as the model file stores it. */
export interface GridSearchReport {
  /** Every candidate, in grid order (β outer, weight decay inner). */
  readonly candidates: readonly GridCandidate[];
  /** The index of the chosen candidate: the lowest score, the first on ties. */
  readonly chosen: number;
}
