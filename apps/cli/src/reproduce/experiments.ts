import { availableParallelism } from "node:os";
import { canonicalJson, type Dataset, type EnsembleSpecInput, linspace, resolveEnsembleSpec } from "@rpf/core";
import Tinypool from "tinypool";
import type { TrainTask, TrainTaskResult } from "./train-task.js";

/** The notebook's parameters (SEED_SPEC.md); `--quick` divides the epochs by QUICK_EPOCH_DIVISOR. */
export const NOTEBOOK = {
  learningRate: 0.03,
  singleModel: { members: 1, beta: 3, epochs: 2000 },
  ensemble: { members: 9, beta: 3, epochs: 3000 },
  betaSweep: { members: 9, betas: [0.001, 5, 50, 100], epochs: 3000 },
  ablation: { members: 9, beta: 50, epochs: 3000 },
  grid: { start: -5, stop: 5, count: 1000 },
} as const;
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
    const { start, stop, count } = NOTEBOOK.grid;
    return { data, grid: linspace(start, stop, count), backend, quick, log };
  }

  epochs(notebookEpochs: number): number {
    return this.context.quick ? Math.round(notebookEpochs / QUICK_EPOCH_DIVISOR) : notebookEpochs;
  }

  /** Starts a run at once (it trains in the pool); await the result when it is needed. */
  run(
    label: string,
    input: { members: number; beta: number; epochs: number; bootstrap: boolean },
  ): Promise<RunOutcome> {
    const spec = resolveEnsembleSpec({
      members: input.members,
      priorScale: input.beta,
      epochs: this.epochs(input.epochs),
      bootstrap: { kind: input.bootstrap ? "resample" : "none" },
      optimizer: { kind: "adam", learningRate: NOTEBOOK.learningRate },
      seed: 0,
    } satisfies EnsembleSpecInput);
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
