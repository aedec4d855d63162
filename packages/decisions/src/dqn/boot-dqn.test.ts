import { describe, expect, it } from "vitest";
import { DeepSea } from "../deep-sea/deep-sea.js";
import { DEEP_SEA_AGENT } from "../deep-sea/deep-sea-experiment.js";
import { runDeepSea } from "../deep-sea/deep-sea-sweep.js";
import { BootstrappedDqn } from "./boot-dqn.js";

const withPriors = { ...DEEP_SEA_AGENT, priorScale: 3 };

async function trajectory(seed: number, episodes: number) {
  const env = new DeepSea(4);
  const agent = await BootstrappedDqn.create(4, withPriors, seed);
  try {
    const results = [];
    for (let e = 0; e < episodes; e++) results.push(await agent.runEpisode(env));
    return results;
  } finally {
    await agent.dispose();
  }
}

describe("bootstrapped DQN with randomized priors", () => {
  it("is deterministic: the same seed plays the same members, returns and episodes", async () => {
    const [a, b, other] = await Promise.all([trajectory(5, 12), trajectory(5, 12), trajectory(6, 12)]);
    expect(b).toEqual(a);
    expect(other).not.toEqual(a);
    // Thompson sampling: more than one member acts over 12 episodes.
    expect(new Set(a.map((r) => r.member)).size).toBeGreaterThan(1);
  });

  it("learns DeepSea N = 4 with priors within 300 episodes", async () => {
    const run = await runDeepSea(4, withPriors, 0, 300);
    expect(run.learned).toBe(true);
    expect(run.treasures).toBeGreaterThan(0);
    expect(run.episodes).toBeLessThan(300);
  });
});
