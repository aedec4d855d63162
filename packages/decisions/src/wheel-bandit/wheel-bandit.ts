import { InvalidArgumentError } from "@rpf/core";
import { foldIn, normal, type RandomKey, uniform53 } from "@rpf/core/random";

/** The exploration parameters of the showdown's wheel bandit experiments. */
export const WHEEL_DELTAS = [0.5, 0.7, 0.9, 0.95, 0.99] as const;

/** The wheel's reward means and noise (Riquelme, Tucker & Snoek 2018, §6). */
export const WHEEL_REWARDS = {
  /** Action 0, the safe action, everywhere. */
  safeMean: 1.2,
  /** Actions 1–4 inside the circle of radius δ, and outside their own quadrant. */
  otherMean: 1.0,
  /** The quadrant's action outside radius δ. */
  largeMean: 50,
  /** The standard deviation of every reward. */
  noiseStd: 0.01,
} as const;

/** The wheel has five actions: 0 is safe, 1–4 belong to the quadrants. */
export const WHEEL_ACTIONS = 5;

/**
 * The quadrant action of a context: 1 for x1 > 0, x2 > 0; 2 for x1 > 0, x2 ≤ 0; 3 for x1 ≤ 0,
 * x2 > 0; 4 for x1 ≤ 0, x2 ≤ 0.
 */
export function quadrantAction(x1: number, x2: number): number {
  return x1 > 0 ? (x2 > 0 ? 1 : 2) : x2 > 0 ? 3 : 4;
}

/**
 * The wheel bandit (Riquelme, Tucker & Snoek 2018, "Deep Bayesian Bandits Showdown", §6): a
 * context x is uniform in the unit disc; action 0 pays N(1.2, 0.01²) everywhere; inside the
 * circle of radius δ the four other actions pay N(1.0, 0.01²), so action 0 is best there;
 * outside it, the action of x's quadrant pays N(50, 0.01²) and the other three N(1.0, 0.01²).
 * The larger δ, the rarer the outer region and the longer a learner sees only the safe action
 * as best: δ sets how much exploration is needed.
 */
export class WheelBandit {
  /**
   * @param delta the inner radius δ, in (0, 1).
   * @throws {InvalidArgumentError} for δ outside (0, 1).
   */
  constructor(readonly delta: number) {
    if (!(delta > 0 && delta < 1)) {
      throw new InvalidArgumentError(`the wheel's δ must be in (0, 1), got ${delta}`, { field: "delta" });
    }
  }

  /**
   * The expected reward of each action in context (x1, x2): [5].
   */
  means(x1: number, x2: number): Float64Array {
    const means = new Float64Array(WHEEL_ACTIONS).fill(WHEEL_REWARDS.otherMean);
    means[0] = WHEEL_REWARDS.safeMean;
    if (Math.hypot(x1, x2) > this.delta) means[quadrantAction(x1, x2)] = WHEEL_REWARDS.largeMean;
    return means;
  }

  /** The best action in context (x1, x2): 0 inside radius δ, the quadrant's action outside. */
  optimalAction(x1: number, x2: number): number {
    return Math.hypot(x1, x2) > this.delta ? quadrantAction(x1, x2) : 0;
  }

  /**
   * Draws `count` contexts uniform in the unit disc from `key` (radius √u, angle 2πv): [count, 2].
   * @throws {InvalidArgumentError} for a count that is not a whole number ≥ 0.
   */
  static contexts(key: RandomKey, count: number): Float32Array {
    const u = uniform53(foldIn(key, 0), count);
    const v = uniform53(foldIn(key, 1), count);
    const xs = new Float32Array(count * 2);
    for (let i = 0; i < count; i++) {
      const radius = Math.sqrt(u[i]!);
      const angle = 2 * Math.PI * v[i]!;
      xs[2 * i] = radius * Math.cos(angle);
      xs[2 * i + 1] = radius * Math.sin(angle);
    }
    return xs;
  }

  /**
   * The reward noise for `count` steps from `key`: N(0, 0.01²) each.
   * @throws {InvalidArgumentError} for a count that is not a whole number ≥ 0.
   */
  static noise(key: RandomKey, count: number): Float32Array {
    return normal(key, count).map((z) => z * WHEEL_REWARDS.noiseStd);
  }
}
