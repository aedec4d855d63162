import type {
  EnsembleSpec,
  EnsembleSpecInput,
  ExperimentCell,
  ModelFileFormat,
  Prediction,
  SerializedError,
} from "@rpf/core";
import type { TrainedOn } from "../settings/model-values.js";

/**
 * The training set as the worker receives it: x [n, inputSize] and y [n, outputSize], row-major;
 * absent sizes are 1 (the 1D view's one input and one target column). A classification set's y is
 * one-hot.
 */
export interface TrainingData {
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly inputSize?: number;
  readonly outputSize?: number;
}

/** Held-out points of a classification run: x [n, inputSize] and their class indices [n]. */
export interface TestPoints {
  readonly x: Float32Array;
  readonly classIndex: Int32Array;
}

/** How the ensemble does on the held-out points: core's evaluateClasses accuracy and NLL (nats). */
export interface TestScores {
  readonly accuracy: number;
  readonly loss: number;
  readonly count: number;
}

/**
 * A classification run's picture at one moment: the predictive probabilities [grid points, K] and
 * the mutual information [grid points] (nats) on the grid, the held-out points' scores (null with
 * none held out), and how long the grid's prediction took in the worker.
 */
export interface ClassSnapshot {
  readonly classCount: number;
  readonly probabilities: Float32Array;
  readonly mutualInformation: Float32Array;
  readonly test: TestScores | null;
  readonly predictMs: number;
}

export type { ModelFileFormat };

/**
 * Mean loss across members at each epoch since the previous report (from core's fit loop, so no
 * epoch is missed or sent twice); the page appends them to the run's curve.
 */
export interface LossPoints {
  readonly epochs: number[];
  readonly values: number[];
}

/**
 * Test-only failures, sent through `rpfPlayground.breakWorker` so e2e tests can check that the page
 * reports a broken worker and recovers: an error thrown inside a job (a plain Error, as a bug
 * would, or rpf's InvalidArgumentError with details and a cause, which must arrive as such), one
 * thrown where nothing catches it, and a worker that goes silent mid-job (`self.close()`: no
 * event, no further replies).
 */
export type WorkerFault = JobFault | "throw-uncaught" | "close";

/** The faults that run as a job of their own, and fail it. */
export type JobFault = "throw-in-job" | "throw-rpf-in-job";

export function isJobFault(fault: WorkerFault): fault is JobFault {
  return fault === "throw-in-job" || fault === "throw-rpf-in-job";
}

interface Job {
  /** Set by the page; every reply to a request carries it back. */
  readonly job: number;
}

export type WorkerRequest =
  | (Job & {
      type: "train";
      spec: EnsembleSpecInput;
      backend: string;
      data: TrainingData;
      /** Where the ensemble is evaluated while training: [points, inputSize]. */
      grid: Float32Array;
      /** A classification run's held-out points, scored with every snapshot. */
      test?: TestPoints;
    })
  | (Job & {
      type: "experiment";
      cells: readonly ExperimentCell[];
      spec: EnsembleSpecInput;
      backend: string;
      data: TrainingData;
      grid: Float32Array;
    })
  | (Job & { type: "stop" })
  | (Job & { type: "fault"; fault: WorkerFault })
  | (Job & { type: "export"; format: ModelFileFormat })
  | (Job & { type: "load-model"; fileName: string; bytes: ArrayBuffer; backend: string; grid: Float32Array });

export type WorkerResponse =
  /** Sent as soon as a Stop arrives, even mid-job: proof that the worker still reads its messages. */
  | (Job & { type: "stop-received" })
  | (Job & {
      type: "progress";
      epoch: number;
      targetEpoch: number;
      elapsedMs: number;
      loss: LossPoints;
      /** Predictions on the grid, in some reports: as often as the device can afford. */
      prediction: Prediction | null;
      /** A classification run's snapshot, in the reports that carry one (its prediction is then null). */
      classes?: ClassSnapshot;
      /** The experiment cell being trained, when the job is an experiment. */
      cell?: number;
    })
  | (Job & {
      type: "trained";
      outcome: "done" | "stopped";
      epoch: number;
      targetEpoch: number;
      elapsedMs: number;
      /** Loss points not yet reported. */
      loss: LossPoints;
      /** Seconds spent inside fit, without start-up and drawing. */
      fitSeconds: number;
      backend: string;
      device: string;
      /** The final prediction on the grid; null for a classification run, which sends `classes`. */
      prediction: Prediction | null;
      classes?: ClassSnapshot;
    })
  | (Job & { type: "experiment-cell"; cell: number; prediction: Prediction })
  | (Job & { type: "experiment-finished"; outcome: "done" | "stopped"; elapsedMs: number })
  | (Job & { type: "exported"; format: ModelFileFormat; bytes: Uint8Array })
  | (Job & {
      type: "model-loaded";
      description: string;
      /** The model's settings, for the form. */
      spec: EnsembleSpec;
      /** Where it was trained, when its file says. */
      trainedOn: TrainedOn | null;
      backend: string;
      device: string;
      prediction: Prediction;
    })
  /**
   * `message`: what the page shows. `error`: what was thrown, in core's serialized form (classes
   * and details do not survive structured cloning), or null when nothing was (a crashed worker).
   */
  | (Job & { type: "failed"; message: string; error: SerializedError | null });
