import { foldIn, keyFromSeed, type RandomKey, randomIntegers } from "@rpf/core/random";
import type { BanditAgent } from "./bandit-agent.js";
import { WHEEL_ACTIONS } from "./wheel-bandit.js";

/**
 * Chooses every action with probability 1/5, whatever it has seen: the baseline regret is normalised to.
 * @throws {InvalidArgumentError} for a seed that is not a whole number in [0, 2^32) (keyFromSeed).
 */
export class UniformAgent implements BanditAgent {
  readonly name = "uniform";
  private readonly key: RandomKey;

  constructor(seed: number) {
    this.key = keyFromSeed(seed);
  }

  /**
   * A uniform action, drawn from the seed's key folded with t.
   * @throws {InvalidArgumentError} for a step that is not a whole number in [0, 2^32) (foldIn).
   */
  async choose(_x1: number, _x2: number, t: number): Promise<number> {
    return randomIntegers(foldIn(this.key, t), 1, WHEEL_ACTIONS)[0]!;
  }

  async observe(): Promise<void> {}

  async dispose(): Promise<void> {}
}
