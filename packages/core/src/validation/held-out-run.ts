import type { FitStopCheck } from "../backend/fit-request.js";
import type { Calibration, CalibrationKind } from "../calibration/calibration.js";
import type { Dataset } from "../data/dataset.js";
import { InvalidArgumentError } from "../errors.js";
import type { ValidationReport } from "../io/validation-report.js";
import type { EnsembleParams } from "../members/params.js";
import type { Prediction } from "../predict/summary.js";
import type { EnsembleSpec } from "../spec/types.js";
import { EarlyStopping } from "./early-stopping.js";
import { validationMetric, validationScore } from "./score.js";
import { splitValidation } from "./split.js";

/** How Ensemble.fit holds out and uses validation rows. */
export interface ValidationOptions {
  /** The fraction of rows held out, in (0, 1); the split comes from the spec's seed (splitValidation). */
  readonly fraction: number;
  /**
   * Stop once the validation score has not improved for this many epochs, and keep the best
   * epoch's parameters. Without it, every epoch trains and the score is taken at the end.
   */
  readonly patience?: number;
  /**
   * Epochs between validation scores when stopping early; default patience/10 rounded down (at
   * least 1), so a check costs about a tenth of the patience window. The best epoch is a multiple.
   */
  readonly every?: number;
  /** Fit this calibration on the held-out rows after training. */
  readonly calibrate?: CalibrationKind;
}

/** The validation side of one Ensemble.fit call. */
export interface HeldOutRun {
  readonly options: ValidationOptions;
  /** The rows trained on. */
  readonly train: Dataset;
  /** The check the fit loop runs: it scores the held-out rows and says when to stop. */
  stopCheck(epochs: number, params: () => Promise<EnsembleParams>): FitStopCheck;
  /**
   * Scores the final parameters if no check ran (0 epochs); returns the best epoch's parameters
   * when they are not the ones the handle now holds (early stopping went past them), else null.
   */
  finish(epoch: number): Promise<{ readonly epoch: number; readonly params: EnsembleParams } | null>;
  /** Fits a calibration on the held-out rows with the model as it now stands. */
  calibrate(
    fitWith: (kind: CalibrationKind, prediction: Prediction, y: Float32Array) => Calibration,
  ): Promise<Calibration>;
  /** The report, with epochs counted from `epochsBefore` (a loaded model's earlier training). */
  report(epochsBefore: number): ValidationReport;
}

/**
 * Splits `data` for Ensemble.fit and keeps the run's validation state.
 * @param predict - the ensemble's prediction in data units (its standardizer is fitted on the
 *   training rows before the first call).
 * @throws {InvalidArgumentError} for a bad fraction, patience or every (see splitValidation, EarlyStopping).
 */
export function holdOut(
  data: Dataset,
  options: ValidationOptions,
  spec: EnsembleSpec,
  predict: (x: Float32Array) => Promise<Prediction>,
): HeldOutRun {
  const patience = options.patience ?? null;
  const every = options.every ?? Math.max(1, Math.floor((patience ?? 1) / 10));
  if (!(Number.isSafeInteger(every) && every >= 1))
    throw new InvalidArgumentError(`validation.every must be a whole number >= 1, got ${every}`, {
      field: "validation.every",
    });
  const stopper = new EarlyStopping(patience);
  const split = splitValidation(data, options.fraction, spec.seed);
  const held = split.validation;
  let best: EnsembleParams | null = null;
  let lastEpoch = 0;
  let scored = false;
  const score = async (epoch: number) => {
    scored = true;
    lastEpoch = epoch;
    return stopper.record(epoch, validationScore(spec.head, await predict(held.x), held.y));
  };
  return {
    options,
    train: split.train,
    stopCheck: (epochs, params) => ({
      // Without patience only the end is scored: the fit loop always checks after its last epoch.
      every: patience === null ? Math.max(1, epochs) : every,
      at: async (epoch) => {
        const { improved, stop } = await score(epoch);
        if (improved && patience !== null) best = await params();
        return stop;
      },
    }),
    finish: async (epoch) => {
      if (!scored) await score(epoch);
      return best && stopper.bestEpoch < epoch ? { epoch: stopper.bestEpoch, params: best } : null;
    },
    calibrate: async (fitWith) => fitWith(options.calibrate!, await predict(held.x), held.y),
    report: (epochsBefore) => ({
      fraction: options.fraction,
      count: held.n,
      metric: validationMetric(spec.head),
      every,
      patience,
      bestEpoch: epochsBefore + stopper.bestEpoch,
      score: stopper.bestScore,
      stoppedEpoch: epochsBefore + lastEpoch,
    }),
  };
}
