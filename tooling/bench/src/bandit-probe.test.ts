import type { RingProbe } from "@rpf/decisions";
import { describe, expect, it } from "vitest";
import { probeRow } from "./bandit-probe.js";

const found: RingProbe = {
  agent: "thompson",
  delta: 0.99,
  seed: 1,
  steps: 2000,
  normalisedRegret: 0.8734,
  outerContexts: 35,
  outerHits: 10,
  firstHit: 292,
  inner: { radius: 0.495, meanGap: -0.174, memberStd: 0.241, preferring: 0.2 },
  ring: { radius: 0.995, meanGap: 1.418, memberStd: 1.689, preferring: 0.6 },
  largeRowFit: 4.66,
};

describe("the ring probe's table", () => {
  it("writes a run that found the ring: hits of ring contexts, both gaps and the fit at the 50-rows", () => {
    expect(probeRow(found)).toBe(
      "| 0.99 | 1 | thompson | 0.873 | 10 / 35 | 292 | -0.17 ± 0.24 (20 %) | 1.42 ± 1.69 (60 %) | 4.7 |",
    );
  });

  it("writes a dash, not 0 or null, where the run never took the reward 50", () => {
    const none: RingProbe = { ...found, outerHits: 0, firstHit: null, largeRowFit: null };
    const cells = probeRow(none)
      .split("|")
      .map((c) => c.trim());
    expect(cells[5]).toBe("0 / 35");
    expect(cells[6]).toBe("–");
    expect(cells[9]).toBe("–");
  });

  it("writes a first hit at step 0 as 0 (a hit in the initial pulls), not as a missing one", () => {
    expect(
      probeRow({ ...found, firstHit: 0 })
        .split("|")[6]!
        .trim(),
    ).toBe("0");
  });
});
