import { foldIn, keyFromSeed } from "@rpf/core/random";
import type { BanditAgent } from "./bandit-agent.js";
import { WHEEL_ACTIONS, WheelBandit } from "./wheel-bandit.js";

/** One agent's run on one wheel. */
export interface WheelRun {
  readonly agent: string;
  readonly delta: number;
  readonly seed: number;
  readonly steps: number;
  /** Σ_t (best mean − chosen action's mean): the expected regret of the choices made. */
  readonly cumulativeRegret: number;
  /** The expected regret of choosing uniformly on the same contexts: Σ_t (best mean − mean of all means). */
  readonly uniformRegret: number;
  /** cumulativeRegret / uniformRegret, the showdown's normalisation. */
  readonly normalisedRegret: number;
  readonly seconds: number;
}

/**
 * Runs `agent` for `steps` contexts of the wheel with exploration parameter `delta`. The
 * contexts and reward noise come from `seed` alone, so every agent of a seed sees the same ones.
 * @throws {InvalidArgumentError} for a seed that is not a whole number in [0, 2^32) (keyFromSeed). Errors of the agent pass through.
 */
export async function runWheel(agent: BanditAgent, delta: number, steps: number, seed: number): Promise<WheelRun> {
  const started = performance.now();
  const wheel = new WheelBandit(delta);
  const key = foldIn(keyFromSeed(seed), 0x77686c);
  const contexts = WheelBandit.contexts(foldIn(key, 0), steps);
  const noise = WheelBandit.noise(foldIn(key, 1), steps);
  let regret = 0;
  let uniform = 0;
  for (let t = 0; t < steps; t++) {
    const x1 = contexts[2 * t]!;
    const x2 = contexts[2 * t + 1]!;
    const means = wheel.means(x1, x2);
    const best = Math.max(...means);
    const action = await agent.choose(x1, x2, t);
    regret += best - means[action]!;
    uniform += best - means.reduce((s, m) => s + m, 0) / WHEEL_ACTIONS;
    await agent.observe(x1, x2, action, means[action]! + noise[t]!, t);
  }
  return {
    agent: agent.name,
    delta,
    seed,
    steps,
    cumulativeRegret: regret,
    uniformRegret: uniform,
    normalisedRegret: regret / uniform,
    seconds: (performance.now() - started) / 1000,
  };
}
