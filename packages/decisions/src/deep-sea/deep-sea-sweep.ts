import { InvalidArgumentError } from "@rpf/core";
import { type BootDqnSettings, BootstrappedDqn } from "../dqn/boot-dqn.js";
import { DeepSea, MAX_DEEP_SEA_SIZE } from "./deep-sea.js";
import { LearningCriterion } from "./learning-criterion.js";

/** One agent's run on one DeepSea. */
export interface DeepSeaRun {
  /** β of the agent. */
  readonly beta: number;
  /** N, the size of the DeepSea. */
  readonly n: number;
  readonly seed: number;
  /** Episodes played: the episode at which it learned, or the whole budget. */
  readonly episodes: number;
  readonly learned: boolean;
  /** Bad episodes / episodes at the end of the run. */
  readonly badFraction: number;
  /** Episodes that reached the treasure. */
  readonly treasures: number;
  readonly seconds: number;
}

/**
 * Trains bootstrapped DQN (β from `settings`) on DeepSea of size `n` until it meets the learning
 * criterion (LearningCriterion) or has played `budget` episodes.
 * @throws {InvalidArgumentError} for a size outside [1, 64] or a budget that is not a whole number ≥ 1.
 * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | BackendUnavailableError | AbortedError} when rpf refuses or fails the training (a diverged run, a backend fault): Ensemble.create, fit and predict say which.
 */
export async function runDeepSea(
  n: number,
  settings: BootDqnSettings,
  seed: number,
  budget: number,
): Promise<DeepSeaRun> {
  if (!Number.isSafeInteger(budget) || budget < 1) {
    throw new InvalidArgumentError(`the episode budget must be a whole number >= 1, got ${budget}`, {
      field: "budget",
    });
  }
  const started = performance.now();
  const env = new DeepSea(n);
  const agent = await BootstrappedDqn.create(n, settings, seed);
  const criterion = new LearningCriterion();
  let episodes = 0;
  let treasures = 0;
  try {
    while (episodes < budget) {
      const result = await agent.runEpisode(env);
      episodes += 1;
      if (result.return > 0.5) treasures += 1;
      if (criterion.record(result.bad)) break;
    }
  } finally {
    await agent.dispose();
  }
  return {
    beta: settings.priorScale,
    n,
    seed,
    episodes,
    learned: criterion.learnedAt !== null,
    badFraction: criterion.badFraction,
    treasures,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Checks a sweep's sizes: at least one, each a whole number in [2, 64], none repeated.
 * @throws {InvalidArgumentError} naming the first bad size, or for an empty list.
 */
export function validateDeepSeaSizes(sizes: readonly number[]): void {
  if (sizes.length === 0) {
    throw new InvalidArgumentError("the list of DeepSea sizes is empty: give at least one N, e.g. --sizes 4,8", {
      field: "sizes",
    });
  }
  const seen = new Set<number>();
  for (const size of sizes) {
    if (!Number.isSafeInteger(size) || size < 2 || size > MAX_DEEP_SEA_SIZE) {
      throw new InvalidArgumentError(
        `a DeepSea size must be a whole number from 2 to ${MAX_DEEP_SEA_SIZE}, got ${size}`,
        { field: "sizes" },
      );
    }
    if (seen.has(size)) throw new InvalidArgumentError(`DeepSea size ${size} is given twice`, { field: "sizes" });
    seen.add(size);
  }
}
