import { describe, expect, it } from "vitest";
import { runWheel } from "./run-wheel.js";
import { createWheelAgent, WHEEL_AGENT_NAMES } from "./wheel-experiment.js";

describe("the wheel's agents", () => {
  it.each(WHEEL_AGENT_NAMES)("%s: the same seed gives the same run", async (name) => {
    const play = async (seed: number) => {
      const agent = await createWheelAgent(name, seed);
      try {
        const { seconds: _, ...run } = await runWheel(agent, 0.7, 120, seed);
        return run;
      } finally {
        await agent.dispose();
      }
    };
    const [a, b] = [await play(1), await play(1)];
    expect(b).toEqual(a);
    expect(Number.isFinite(a.normalisedRegret)).toBe(true);
  });

  it.each(["thompson", "epsilon-greedy", "thompson-beta0"] as const)(
    "%s pulls every action in turn for its first 2 × 5 steps (the showdown's initial pulls)",
    async (name) => {
      const agent = await createWheelAgent(name, 3);
      try {
        const actions: number[] = [];
        for (let t = 0; t < 10; t++) actions.push(await agent.choose(0.99, 0, t));
        expect(actions).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4]);
      } finally {
        await agent.dispose();
      }
    },
  );

  it("normalises to the uniform policy: its regret ratio is near 1", async () => {
    const agent = await createWheelAgent("uniform", 0);
    const run = await runWheel(agent, 0.5, 4000, 0);
    expect(run.normalisedRegret).toBeGreaterThan(0.9);
    expect(run.normalisedRegret).toBeLessThan(1.1);
  });
});
