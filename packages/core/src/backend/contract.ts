import type { Dataset } from "../data/dataset.js";
import type { EnsembleParams } from "../ensemble/params.js";
import type { EnsembleSpec, HeadName } from "../ensemble/spec.js";
import type { DeviceName } from "./devices.js";
import type { TrainingState } from "./training-state.js";

/** Bumped on any breaking change to the interfaces below (2: training state for checkpoints). */
export const BACKEND_CONTRACT_VERSION = 2;

export interface DeviceInfo {
  readonly name: DeviceName;
  readonly available: boolean;
  /** Why a device is unavailable, or what it runs on. */
  readonly detail?: string;
}

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
  /** Throws BackendUnavailableError for a device it cannot start, naming the ones it can. */
  createEnsemble(init: EnsembleInit, options?: { device?: DeviceName }): Promise<EnsembleHandle>;
}

export interface EnsembleInit {
  readonly spec: EnsembleSpec;
  readonly params: EnsembleParams;
  /** Where an interrupted training run stopped; its trainable values replace params.trainable. */
  readonly state?: TrainingState;
}

export interface FitProgress {
  /** Epochs completed by this handle so far (across fit calls). */
  readonly epoch: number;
  /** The epoch this fit call will stop at. */
  readonly targetEpoch: number;
  /** Each member's weighted training loss in the latest epoch. */
  readonly memberLosses: Float64Array;
}

export interface FitRequest {
  /** Training data, already standardised. */
  readonly data: Dataset;
  /** Per-member example weights [members, n] (the bootstrap). */
  readonly exampleWeights: Float32Array;
  readonly epochs: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => void;
  /** Epochs between progress reports (default: about 100 reports per fit). */
  readonly progressEvery?: number;
}

export interface FitResult {
  readonly epochsCompleted: number;
  /** [epochs, members]: the weighted loss of each member at each step, before its update. */
  readonly lossHistory: Float32Array;
  /** Each member's weighted training loss with its final parameters. */
  readonly finalLosses: Float64Array;
}

/**
 * Raw outputs in the model's (standardised) units, each [members, n, outputSize]. With the
 * "gaussian" head, `members`, `prior` and `trainable` are the mean outputs (t, β·p, t + β·p;
 * the prior adds to the mean only) and `variance` holds each member's variance.
 */
export interface RawPrediction {
  readonly members: Float32Array;
  /** β·p: the prior's contribution. */
  readonly prior: Float32Array;
  readonly trainable: Float32Array;
  /** "gaussian" head only: softplus(raw) + varianceFloor per member, in standardised units². */
  readonly variance?: Float32Array;
}

export interface EnsembleHandle {
  readonly backend: string;
  readonly device: DeviceName;
  fit(request: FitRequest): Promise<FitResult>;
  /** x is [n, inputSize], already standardised. */
  predict(x: Float32Array): Promise<RawPrediction>;
  params(): Promise<EnsembleParams>;
  /**
   * Weights, optimiser slots and counters at the backend's working precision: a handle created
   * with this state continues bit-identically to this one. Inference-only backends throw
   * UnsupportedError.
   */
  trainingState(): Promise<TrainingState>;
  dispose(): Promise<void>;
}
