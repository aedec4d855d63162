import { isRpfError, type Prediction, type RpfErrorCode, type RpfErrorDetails } from "@rpf/core";
import type { DrawnBands } from "./charts/ensemble-chart.js";
import type { Range } from "./data/view-range.js";
import type { WorkerFault } from "./worker/protocol.js";

export type PlaygroundStatus = "idle" | "training" | "done" | "error";

/** The page's two views: the 1D regression playground and the 2D classification one. */
export type PlaygroundMode = "regression" | "classification";

/** The 2D view's state, as tests and the frame-time bench read it. */
export interface ClassificationState {
  dataset: string;
  trainPoints: number;
  testPoints: number;
  /** The latest snapshot's test accuracy (0 to 1) and mean test cross-entropy (nats); null before any or with no test points. */
  accuracy: number | null;
  loss: number | null;
  /** The heatmaps as last drawn: cells per map and the largest mutual information (nats); null while empty. */
  heatmap: { cells: number; maxMutualInformation: number } | null;
  /** Each drawn frame (the latest 200): the grid's prediction in the worker and the two maps' drawing in the page, ms. */
  frames: { predictMs: number; drawMs: number }[];
}

/** Where an experiment's cell stands; "stopped" and "not run" after Stop, "failed" and "not run" after an error. */
export type ExperimentCellState = "waiting" | "training" | "done" | "stopped" | "failed" | "not run";

/** How `breakWorker` breaks the training worker: a fault inside it, or ending it from the page. */
export type PlaygroundWorkerFault = WorkerFault | "kill";

/**
 * What tests and scripts read from `window.rpfPlayground`: plain numbers and arrays, and one
 * test-only action.
 */
export interface PlaygroundHook {
  status: PlaygroundStatus;
  mode: PlaygroundMode;
  classification: ClassificationState;
  /** Epochs trained in the current or last run. */
  epoch: number;
  /**
   * The main chart's prediction on its grid, or null before any: `std` is the total, the
   * members' spread (epistemic) and the predicted noise (aleatoric, 0 for a squared-error model).
   */
  prediction: { x: number[]; mean: number[]; std: number[]; aleatoricStd: number[]; epistemicStd: number[] } | null;
  /** The main chart's bands as drawn (edges in y units), or null when none are. */
  bands: DrawnBands | null;
  /** The loss chart's curve as drawn: epochs (from 1) and the mean loss across members. */
  lossCurve: { epochs: number[]; values: number[] };
  /** Training points on the chart. */
  dataPoints: number;
  /** The main chart's axes as drawn, for turning data coordinates into a click. */
  plotRanges: { x: Range; y: Range } | null;
  /** The last finished run: seconds inside fit, and the backend and device that ran it. */
  lastRun: { fitSeconds: number; elapsedMs: number; backend: string; device: string } | null;
  /** The last experiment (β sweep or ablation): each cell's final mean and std on the grid `x`. */
  experiment: {
    name: string;
    x: number[];
    cells: { title: string; state: ExperimentCellState; mean: number[] | null; std: number[] | null }[];
  } | null;
  /** Each result's "… changed — retrain" notice while it no longer matches the controls or data. */
  stale: { run: string | null; experiment: string | null };
  /** The last error message, or null. */
  error: string | null;
  /** The class of the last error ("InvalidArgumentError"), or null: names that must survive the bundle's minifier. */
  errorName: string | null;
  /** The last error's code and details, when it is rpf's, as they arrived from the worker; else null. */
  errorCode: RpfErrorCode | null;
  errorDetails: RpfErrorDetails | null;
  /** Test-only: breaks the training worker this way, to check that the page reports it and recovers. */
  breakWorker(fault: PlaygroundWorkerFault): void;
}

declare global {
  interface Window {
    rpfPlayground: PlaygroundHook;
  }
}

export function installHook(breakWorker: PlaygroundHook["breakWorker"]): PlaygroundHook {
  window.rpfPlayground = {
    status: "idle",
    mode: "regression",
    classification: {
      dataset: "",
      trainPoints: 0,
      testPoints: 0,
      accuracy: null,
      loss: null,
      heatmap: null,
      frames: [],
    },
    epoch: 0,
    prediction: null,
    bands: null,
    lossCurve: { epochs: [], values: [] },
    dataPoints: 0,
    plotRanges: null,
    lastRun: null,
    experiment: null,
    stale: { run: null, experiment: null },
    error: null,
    errorName: null,
    errorCode: null,
    errorDetails: null,
    breakWorker,
  };
  return window.rpfPlayground;
}

/**
 * Records a failure (or, with nulls, clears the last one): the message shown, and what was thrown
 * (null when nothing was) as the page decides on it, by name, code and details.
 */
export function recordFailure(hook: PlaygroundHook, message: string | null, error: Error | null): void {
  hook.error = message;
  hook.errorName = error?.name ?? null;
  hook.errorCode = isRpfError(error) ? error.code : null;
  hook.errorDetails = isRpfError(error) ? error.details : null;
}

export function predictionForHook(grid: Float32Array, prediction: Prediction): PlaygroundHook["prediction"] {
  return {
    x: Array.from(grid),
    mean: Array.from(prediction.mean),
    std: Array.from(prediction.std),
    aleatoricStd: Array.from(prediction.aleatoricStd),
    epistemicStd: Array.from(prediction.epistemicStd),
  };
}
