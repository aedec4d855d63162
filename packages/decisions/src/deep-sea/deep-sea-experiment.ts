import { InvalidArgumentError } from "@rpf/core";
import type { BootDqnSettings } from "../dqn/boot-dqn.js";
import { DEEP_SEA_MAPPING_SEED } from "./deep-sea.js";
import { type DeepSeaRun, runDeepSea, validateDeepSeaSizes } from "./deep-sea-sweep.js";
import { LEARNED_BAD_FRACTION } from "./learning-criterion.js";

/** The agent every arm of the DeepSea experiment shares; the arms differ only in β. */
export const DEEP_SEA_AGENT: Omit<BootDqnSettings, "priorScale"> = {
  members: 10,
  hiddenSizes: [32, 32],
  learningRate: 3e-3,
  discount: 0.99,
  batchSize: 32,
  stepsPerEpisode: 4,
  targetUpdateEvery: 4,
  maskProbability: 0.5,
};

/** β of the agent with priors (the rpf default, the paper's order of magnitude) and of the one without. */
export const DEEP_SEA_BETAS = [3, 0] as const;

/** The sweep `rpf reproduce deepsea` runs, and its `--quick` version. */
export const DEEP_SEA_SWEEPS = {
  full: { sizes: [4, 8, 12], seeds: [0, 1], budget: 500 },
  quick: { sizes: [4, 6], seeds: [0], budget: 100 },
} as const;

/** One agent on one size over every seed. */
export interface DeepSeaCell {
  readonly beta: number;
  readonly n: number;
  /** True when every seed learned within the budget. */
  readonly learned: boolean;
  /** Episodes used, the most over the seeds (the budget when a seed did not learn). */
  readonly episodes: number;
  readonly runs: readonly DeepSeaRun[];
}

/** What a DeepSea experiment did, for JSON and figures. */
export interface DeepSeaReport {
  readonly criterion: string;
  readonly budget: number;
  readonly seeds: readonly number[];
  readonly sizes: readonly number[];
  readonly mappingSeed: number;
  readonly agent: Omit<BootDqnSettings, "priorScale">;
  readonly cells: readonly DeepSeaCell[];
  readonly seconds: number;
}

/** What to run: sizes, seeds and the episode budget of every run. */
export interface DeepSeaExperimentOptions {
  readonly sizes: readonly number[];
  readonly seeds: readonly number[];
  readonly budget: number;
  /** Called after every run, e.g. to report progress. */
  readonly onRun?: (run: DeepSeaRun) => void;
}

/**
 * Trains the agent with priors (β = 3) and without (β = 0) on every size and seed with the same
 * budget, each run until it learns (LearningCriterion) or spends the budget.
 * @throws {InvalidArgumentError} for an empty or bad size list, no seeds, or a bad budget.
 * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | BackendUnavailableError | AbortedError} when rpf refuses or fails the training (a diverged run, a backend fault): Ensemble.create, fit and predict say which.
 */
export async function runDeepSeaExperiment(options: DeepSeaExperimentOptions): Promise<DeepSeaReport> {
  validateDeepSeaSizes(options.sizes);
  if (options.seeds.length === 0 || options.seeds.some((s) => !Number.isSafeInteger(s) || s < 0)) {
    throw new InvalidArgumentError(`seeds must be one or more whole numbers >= 0, got [${options.seeds.join(", ")}]`, {
      field: "seeds",
    });
  }
  const started = performance.now();
  const cells: DeepSeaCell[] = [];
  for (const n of options.sizes) {
    for (const beta of DEEP_SEA_BETAS) {
      const runs: DeepSeaRun[] = [];
      for (const seed of options.seeds) {
        const run = await runDeepSea(n, { ...DEEP_SEA_AGENT, priorScale: beta }, seed, options.budget);
        options.onRun?.(run);
        runs.push(run);
      }
      cells.push({
        beta,
        n,
        learned: runs.every((r) => r.learned),
        episodes: Math.max(...runs.map((r) => r.episodes)),
        runs,
      });
    }
  }
  return {
    criterion: `learned at the first episode e where (bad episodes among 1..e) / e < ${LEARNED_BAD_FRACTION}; an episode is bad when it moves left on the diagonal (bsuite's deep_sea analysis)`,
    budget: options.budget,
    seeds: [...options.seeds],
    sizes: [...options.sizes],
    mappingSeed: DEEP_SEA_MAPPING_SEED,
    agent: DEEP_SEA_AGENT,
    cells,
    seconds: (performance.now() - started) / 1000,
  };
}
