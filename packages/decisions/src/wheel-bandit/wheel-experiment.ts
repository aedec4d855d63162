import { InvalidArgumentError } from "@rpf/core";
import type { BanditAgent } from "./bandit-agent.js";
import { EnsembleBanditAgent, type EnsembleBanditSettings } from "./ensemble-agent.js";
import { runWheel, type WheelRun } from "./run-wheel.js";
import { UniformAgent } from "./uniform-agent.js";
import { WHEEL_DELTAS } from "./wheel-bandit.js";

/** The one network and training schedule every ensemble agent on the wheel uses. */
export const WHEEL_AGENT: EnsembleBanditSettings = {
  members: 10,
  priorScale: 3,
  hiddenSizes: [32, 32],
  learningRate: 0.03,
  batchSize: 64,
  trainEvery: 50,
  epochsPerUpdate: 5,
  initialPulls: 2,
};

/** ε of the ε-greedy agent, chosen on the tuning seeds (WHEEL_TUNING). */
export const WHEEL_EPSILON = 0.1;

/**
 * The grid β (of `thompson`, which `epsilon-greedy` shares) and ε were chosen from, on seeds
 * disjoint from the reported ones (WHEEL_RUNS.full) and on the δ of the target: the value with
 * the lowest mean normalised regret over these seeds and δ (`pnpm bench:bandit --tune`).
 */
export const WHEEL_TUNING = {
  seeds: [100, 101, 102],
  deltas: [0.9, 0.95, 0.99],
  priorScales: [1, 3, 10],
  epsilons: [0.01, 0.05, 0.1],
} as const;

/** What the tuning grid varies: β of the ensembles with priors, ε of ε-greedy. */
export interface WheelChoice {
  readonly priorScale: number;
  readonly epsilon: number;
}

/** The four agents of the benchmark, in report order. */
export const WHEEL_AGENT_NAMES = ["thompson", "epsilon-greedy", "thompson-beta0", "uniform"] as const;
/** The name of one of the benchmark's agents. */
export type WheelAgentName = (typeof WHEEL_AGENT_NAMES)[number];

/** Steps and seeds of `pnpm bench:bandit`, and of its `--quick` smoke run. */
export const WHEEL_RUNS = {
  full: { steps: 2000, seeds: [0, 1, 2, 3, 4] },
  quick: { steps: 200, seeds: [0] },
} as const;

/**
 * A fresh agent of the benchmark: Thompson sampling with priors (β = 3), ε-greedy on the same
 * ensemble's mean, Thompson sampling with β = 0, or uniform. Seed s gives every agent the same
 * initial weights where they share a network. `choice` overrides β and ε (the tuning grid).
 * @throws {InvalidArgumentError | ShapeError | UnsupportedError | BackendUnavailableError} when rpf cannot create the ensemble (settings outside what the spec accepts, no backend): Ensemble.create says which.
 */
export async function createWheelAgent(
  name: WheelAgentName,
  seed: number,
  choice: WheelChoice = { priorScale: WHEEL_AGENT.priorScale, epsilon: WHEEL_EPSILON },
): Promise<BanditAgent> {
  const withPriors = { ...WHEEL_AGENT, priorScale: choice.priorScale };
  switch (name) {
    case "thompson":
      return EnsembleBanditAgent.create(name, { kind: "thompson" }, withPriors, seed);
    case "epsilon-greedy":
      return EnsembleBanditAgent.create(name, { kind: "epsilon-greedy", epsilon: choice.epsilon }, withPriors, seed);
    case "thompson-beta0":
      return EnsembleBanditAgent.create(name, { kind: "thompson" }, { ...WHEEL_AGENT, priorScale: 0 }, seed);
    case "uniform":
      return new UniformAgent(seed);
  }
}

/**
 * Runs every agent on every δ and seed for `steps` contexts; `onRun` sees each run as it ends.
 * @throws {InvalidArgumentError} for steps that are not a whole number ≥ 1 or an empty seed list.
 * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | BackendUnavailableError | AbortedError} when rpf refuses or fails the training (a diverged run, a backend fault): Ensemble.fit says which.
 */
export async function runWheelExperiment(options: {
  readonly steps: number;
  readonly seeds: readonly number[];
  readonly deltas?: readonly number[];
  /** The agents to run (default all four, WHEEL_AGENT_NAMES). */
  readonly agents?: readonly WheelAgentName[];
  readonly choice?: WheelChoice;
  readonly onRun?: (run: WheelRun) => void;
}): Promise<WheelRun[]> {
  if (!Number.isSafeInteger(options.steps) || options.steps < 1 || options.seeds.length === 0) {
    throw new InvalidArgumentError("the wheel experiment needs steps >= 1 and at least one seed", { field: "steps" });
  }
  const runs: WheelRun[] = [];
  for (const delta of options.deltas ?? WHEEL_DELTAS) {
    for (const seed of options.seeds) {
      for (const name of options.agents ?? WHEEL_AGENT_NAMES) {
        const agent = await createWheelAgent(name, seed, options.choice);
        try {
          const run = await runWheel(agent, delta, options.steps, seed);
          options.onRun?.(run);
          runs.push(run);
        } finally {
          await agent.dispose();
        }
      }
    }
  }
  return runs;
}
