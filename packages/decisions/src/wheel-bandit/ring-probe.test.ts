import { InvalidArgumentError } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { EnsembleBanditAgent } from "./ensemble-agent.js";
import { probeRing } from "./ring-probe.js";
import { runWheel } from "./run-wheel.js";
import { WHEEL_ACTIONS } from "./wheel-bandit.js";
import { createWheelAgent, WHEEL_AGENT } from "./wheel-experiment.js";

describe("the ring probe", () => {
  it("memberRewards gives every member's reward of every action, as the run's own decisions use", async () => {
    const agent = await createWheelAgent("thompson", 2);
    try {
      if (!(agent instanceof EnsembleBanditAgent)) throw new Error("thompson is an ensemble agent");
      const rewards = await agent.memberRewards(0.3, -0.6);
      expect(rewards).toHaveLength(WHEEL_AGENT.members);
      for (const r of rewards) {
        expect(r).toHaveLength(WHEEL_ACTIONS);
        expect(r.every(Number.isFinite)).toBe(true);
      }
      // β = 3 priors: before any training the members disagree.
      expect(new Set(rewards.map((r) => r[0])).size).toBe(WHEEL_AGENT.members);
    } finally {
      await agent.dispose();
    }
  });

  it("counts the ring's contexts and hits of a run that is the benchmark's own run", async () => {
    const probe = await probeRing("epsilon-greedy", 0.5, 120, 4);
    const agent = await createWheelAgent("epsilon-greedy", 4);
    const run = await runWheel(agent, 0.5, 120, 4).finally(() => agent.dispose());
    expect(probe.normalisedRegret).toBe(run.normalisedRegret);
    // δ = 0.5: three quarters of the contexts lie outside radius δ.
    expect(probe.outerContexts).toBeGreaterThan(60);
    expect(probe.outerHits).toBeGreaterThan(0);
    expect(probe.outerHits).toBeLessThanOrEqual(probe.outerContexts);
    expect(probe.firstHit).not.toBeNull();
    expect(probe.largeRowFit).not.toBeNull();
    expect(Number.isFinite(probe.largeRowFit)).toBe(true);
    for (const g of [probe.inner, probe.ring]) {
      expect(g.preferring).toBeGreaterThanOrEqual(0);
      expect(g.preferring).toBeLessThanOrEqual(1);
      expect(g.memberStd).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(g.meanGap)).toBe(true);
    }
    expect(probe.inner.radius).toBe(0.25);
    expect(probe.ring.radius).toBe(0.75);
  });

  it("has no large-reward rows to judge when the run never took one", async () => {
    // 10 steps are the initial pulls alone; δ = 0.99 leaves almost no context in the ring.
    const probe = await probeRing("thompson", 0.99, 10, 0);
    expect(probe.outerHits).toBe(0);
    expect(probe.firstHit).toBeNull();
    expect(probe.largeRowFit).toBeNull();
  });

  it("refuses the uniform agent, which has no members to probe", async () => {
    await expect(probeRing("uniform", 0.9, 10, 0)).rejects.toThrow(InvalidArgumentError);
  });
});
