import { isRpfError, type Prediction, type RpfErrorCode, type RpfErrorDetails } from "@rpf/core";
import type { DrawnBands } from "./charts/ensemble-chart.js";
import type { Range } from "./data/view-range.js";
import type { WorkerFault } from "./worker/protocol.js";

export type PlaygroundStatus = "idle" | "training" | "done" | "error";

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
