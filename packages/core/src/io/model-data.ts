import type { Calibration } from "../calibration/calibration.js";
import type { Standardizer } from "../data/standardizer.js";
import type { EnsembleParams } from "../members/params.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { ValidationReport } from "./validation-report.js";

/** What training did, stored with the model. */
export interface TrainingReport {
  readonly backend: string;
  readonly device: string;
  /** Epochs completed in total. */
  readonly epochs: number;
  readonly examples: number;
  /** Wall time of fitting, in seconds (excluded from reproducibility comparisons). */
  readonly trainSeconds: number;
  /** Each member's weighted training loss with its final parameters. */
  readonly finalLosses: readonly number[];
  /** Mean loss across members, every `lossEvery` epochs (at most a few hundred points). */
  readonly lossEvery: number;
  readonly meanLossHistory: readonly number[];
  /** Present when rows were held out for validation (Ensemble.fit's `validation`). */
  readonly validation?: ValidationReport;
}

/** Everything a model file holds: enough to predict, to continue training, and to audit the run. */
export interface ModelData {
  readonly spec: EnsembleSpec;
  readonly params: EnsembleParams;
  readonly standardizer: Standardizer;
  readonly training: TrainingReport | null;
  /** Column names when the data came from a CSV. */
  readonly columns?: { readonly x: readonly string[]; readonly y: string };
  /**
   * A categorical model's class labels, one per output: output k is the probability of classes[k]
   * (rpf train sorts them, docs/heads.md). Required for the categorical head, absent otherwise.
   */
  readonly classes?: readonly string[];
  /** Fitted on the validation rows; absent when none was asked for. */
  readonly calibration?: Calibration;
}
