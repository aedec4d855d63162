import { availableParallelism } from "node:os";
import {
  canonicalJson,
  type Dataset,
  type NotebookRun,
  notebookGrid,
  notebookRunSpec,
  resolveEnsembleSpec,
} from "@rpf/core";
import Tinypool from "tinypool";
import type { TrainTask, TrainTaskResult } from "./train-task.js";

/** `--quick` divides the notebook's epochs (core's presets) by this. */
export const QUICK_EPOCH_DIVISOR = 5;

/** A finished run: the task's result, its epochs, and whether an identical earlier run was reused. */
export interface RunOutcome extends Omit<TrainTaskResult, "backendName" | "device"> {
  readonly epochs: number;
  readonly reused: boolean;
}

export interface ExperimentContext {
  readonly data: Dataset;
  readonly grid: Float32Array;
  readonly backend: string;
  readonly quick: boolean;
  readonly log: (line: string) => void;
}

/**
 * Trains ensembles for the experiments on a pool of worker threads, one per core. Identical specs
 * (same seed, β, bootstrap, epochs) give identical results, so each is trained once: the β = 50 run
 * of the sweep is also the ablation's "prior and bootstrap" cell, exactly as in the notebook.
 */
export class ExperimentRunner {
  private readonly cache = new Map<string, Promise<RunOutcome>>();
  private readonly pool = new Tinypool({
    filename: new URL("./train-task.js", import.meta.url).href,
    maxThreads: Math.max(1, availableParallelism()),
  });

  constructor(private readonly context: ExperimentContext) {}

  static createContext(data: Dataset, backend: string, quick: boolean, log: (line: string) => void): ExperimentContext {
    return { data, grid: notebookGrid(), backend, quick, log };
  }

  epochs(notebookEpochs: number): number {
    return this.context.quick ? Math.round(notebookEpochs / QUICK_EPOCH_DIVISOR) : notebookEpochs;
  }

  /** Starts a run at once (it trains in the pool); await the result when it is needed. */
  run(label: string, input: NotebookRun): Promise<RunOutcome> {
    const spec = resolveEnsembleSpec(notebookRunSpec({ ...input, epochs: this.epochs(input.epochs) }));
    const key = canonicalJson(spec);
    const cached = this.cache.get(key);
    if (cached) {
      this.context.log(`  ${label}: same spec as an earlier run, reused`);
      return cached.then((outcome) => ({ ...outcome, reused: true }));
    }
    const task: TrainTask = { spec, backend: this.context.backend, data: this.context.data, grid: this.context.grid };
    const pending = (this.pool.run(task) as Promise<TrainTaskResult>).then((result) => {
      this.context.log(
        `  ${label}: ${spec.members} × ${spec.epochs} epochs in ${result.trainSeconds.toFixed(2)} s on ${result.backendName}:${result.device}`,
      );
      return { ...result, epochs: spec.epochs, reused: false };
    });
    this.cache.set(key, pending);
    return pending;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
