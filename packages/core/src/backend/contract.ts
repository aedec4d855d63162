import type { Dataset } from "../data/dataset.js";
import type { EnsembleParams } from "../members/params.js";
import type { TrainingState } from "../members/training-state.js";
import type { HeadName } from "../spec/names.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { DeviceName } from "./devices.js";

/**
 * Bumped on any breaking change to the interfaces below. 2: training state for checkpoints.
 * 3: a handle only computes (prepareTraining, trainEpochs, finalLosses); core's HandleSession owns
 * the fit loop, input validation and the disposed guard. 4: predictMember (one member's outputs,
 * for Thompson sampling), and the optional appendTraining (incremental updates).
 */
export const BACKEND_CONTRACT_VERSION = 4;

/** One device of a backend, as `listDevices` reports it. */
export interface DeviceInfo {
  readonly name: DeviceName;
  readonly available: boolean;
  /** Why a device is unavailable, or what it runs on. */
  readonly detail?: string;
}

/** What a backend can do: train (and infer), or infer only. */
export interface BackendCapabilities {
  readonly train: boolean;
  readonly infer: boolean;
  /** The output heads (EnsembleSpec.head) this backend computes; others are refused when opening. */
  readonly heads: readonly HeadName[];
}

/**
 * A compute backend: it only computes. It receives every parameter and weight from core and
 * never draws random numbers of its own.
 */
export interface Backend {
  readonly contractVersion: typeof BACKEND_CONTRACT_VERSION;
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  listDevices(): Promise<readonly DeviceInfo[]>;
  /**
   * Opens a handle on the ensemble `init` describes. Core validated nothing yet: the backend
   * checks the parameters (validateEnsembleParams) and any state (validateTrainingState).
   * @throws {BackendUnavailableError} for a device it cannot start, naming the ones it can.
   * @throws {ShapeError} for parameters or a training state that do not fit the spec.
   */
  createEnsemble(init: EnsembleInit, options?: { device?: DeviceName }): Promise<EnsembleHandle>;
}

/** What a handle starts from. */
export interface EnsembleInit {
  readonly spec: EnsembleSpec;
  readonly params: EnsembleParams;
  /** Where an interrupted training run stopped; its trainable values replace params.trainable. */
  readonly state?: TrainingState;
}

/**
 * Raw outputs in the model's (standardised) units, each [members, n, outputSize]. With the
 * "gaussian" head, `members`, `prior` and `trainable` are the mean outputs (t, β·p, t + β·p;
 * the prior adds to the mean only) and `variance` holds each member's variance. With the
 * "categorical" head they are the K = outputSize logits (t + β·p, β·p, t; β·p adds to every
 * logit), `variance` absent: core computes the class probabilities from them.
 */
export interface RawPrediction {
  readonly members: Float32Array;
  /** β·p: the prior's contribution. */
  readonly prior: Float32Array;
  readonly trainable: Float32Array;
  /** "gaussian" head only: softplus(raw) + varianceFloor per member, in standardised units². */
  readonly variance?: Float32Array;
}

/**
 * One ensemble on one backend. A handle only computes: core (HandleSession) validates every input
 * before it reaches the handle, runs the fit loop (progress, time-slicing, abort, finiteness,
 * checkpoint pauses, loss history) and never calls a handle again after `dispose`. Calls never
 * overlap: core awaits each before the next.
 *
 * The loss of a member is its head's loss (spec.head: squared error or Gaussian NLL, docs/heads.md) weighted by the member's example weights,
 * summed over examples and outputs and divided by (examples × outputSize); with the "categorical"
 * head, the weighted cross-entropy summed over examples and divided by examples alone (the K
 * logits of a row make one prediction, not K). An epoch's loss is the
 * example-weighted mean of its steps' losses, each taken before that step's update:
 * Σ_b count_b · loss_b / n over the epoch's minibatches b — with one batch, the full-batch loss
 * itself, so minibatch and full-batch losses measure the same thing.
 */
export interface EnsembleHandle {
  readonly backend: string;
  readonly device: DeviceName;
  /**
   * Takes the training data (standardised, checked by core) and the example weights
   * [members, n] (the bootstrap) that the following trainEpochs and finalLosses calls use, until
   * the next prepareTraining or dispose. Called once at the start of every fit: upload, copy and
   * compute whatever depends only on the data here (the prior's outputs on it, for example).
   * @throws {UnsupportedError} from an inference-only backend.
   */
  prepareTraining(data: Dataset, exampleWeights: Float32Array): Promise<void>;
  /**
   * Optional: extends the prepared training data by `rows` (standardised, checked by core) and
   * their example weights [members, rows.n], leaving the handle as prepareTraining would with the
   * previous data followed by these rows; the epoch count and optimiser state are untouched. Core
   * calls it instead of prepareTraining when a fit only appends rows (Ensemble.update), so a handle
   * that has it works on the new rows only (the prior's outputs, say); one without it is prepared
   * again on all rows.
   * @throws {UnsupportedError} from an inference-only backend.
   */
  appendTraining?(rows: Dataset, exampleWeights: Float32Array): Promise<void>;
  /**
   * Trains `epochs` (a whole number >= 1) more epochs on the prepared data, continuing the
   * handle's epoch count (which fixes each epoch's minibatch order) and optimiser steps.
   * @returns every member's loss in each of those epochs, [epochs, members] row-major. A
   *   non-finite loss is returned, not thrown: core checks the losses and names the member.
   */
  trainEpochs(epochs: number): Promise<Float64Array>;
  /** Every member's loss with its current parameters on the whole prepared data, [members]. */
  finalLosses(): Promise<Float64Array>;
  /** Outputs for x [n, inputSize] (standardised, checked by core). */
  predict(x: Float32Array): Promise<RawPrediction>;
  /**
   * Member `member`'s outputs alone for x [n, inputSize] (standardised, checked by core; member
   * a whole number in [0, members)), laid out as a RawPrediction of one member: [1, n, outputSize]
   * each. Only that member runs, so Thompson sampling costs one network's forward pass, not M.
   */
  predictMember(member: number, x: Float32Array): Promise<RawPrediction>;
  /** The current parameters, float32, [members, paramCount] each. */
  params(): Promise<EnsembleParams>;
  /**
   * Weights, optimiser slots and counters at the backend's working precision: a handle created
   * with this state continues bit-identically to this one.
   * @throws {UnsupportedError} from an inference-only backend.
   */
  trainingState(): Promise<TrainingState>;
  /** Releases everything the handle holds; core makes no further call. */
  dispose(): Promise<void>;
}
