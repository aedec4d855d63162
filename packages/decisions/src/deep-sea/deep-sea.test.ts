import { InvalidArgumentError } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { DEEP_SEA_MAPPING_SEED, DeepSea, writeObservation } from "./deep-sea.js";

/** Plays `moves` ("R" right, "L" left, in the cell's own mapping) from the start; returns the steps. */
function play(env: DeepSea, moves: string) {
  let state: number | null = env.reset();
  const steps = [];
  for (const move of moves) {
    const right = env.rightAction(state!);
    const step = env.step(move === "R" ? right : 1 - right);
    steps.push(step);
    state = step.state;
  }
  return steps;
}

describe("DeepSea", () => {
  it("moves one row down per step, right or left, clipped at the walls, for N steps", () => {
    const env = new DeepSea(4);
    const steps = play(env, "RLLR");
    // (0,0) →R (1,1) →L (2,0) →L (3,0) clipped → R: the episode ends.
    expect(steps.map((s) => s.state)).toEqual([1 * 4 + 1, 2 * 4 + 0, 3 * 4 + 0, null]);
  });

  it("charges 0.01/N for every move right and pays 1 only for moving right in the bottom-right cell", () => {
    const n = 5;
    const env = new DeepSea(n);
    const best = play(env, "RRRRR");
    expect(best.slice(0, 4).map((s) => s.reward)).toEqual(Array(4).fill(-0.01 / n));
    expect(best[4]!.reward).toBeCloseTo(1 - 0.01 / n, 12);
    expect(best.reduce((s, x) => s + x.reward, 0)).toBeCloseTo(env.optimalReturn, 12);
    expect(env.optimalReturn).toBeCloseTo(0.99, 12);
    expect(env.badEpisode).toBe(false);
    // Right everywhere but the last step: only the move costs; the last cell is (4,3), not the corner.
    const missed = play(env, "RRRRL");
    expect(missed.reduce((s, x) => s + x.reward, 0)).toBeCloseTo((-4 * 0.01) / n, 12);
    expect(play(env, "LLLLL").every((s) => s.reward === 0)).toBe(true);
  });

  it("marks an episode bad once it moves left on the diagonal, and only then", () => {
    const env = new DeepSea(4);
    play(env, "RL");
    expect(env.badEpisode).toBe(true);
    play(env, "RRLR"); // leaves the diagonal at (2,2)
    expect(env.badEpisode).toBe(true);
    play(env, "R");
    expect(env.badEpisode).toBe(false);
    play(env, "LR"); // (0,0) is on the diagonal
    expect(env.badEpisode).toBe(true);
  });

  it("draws the action mapping per cell from the seed: the same seed gives the same map, others differ", () => {
    const mapping = (env: DeepSea) => Array.from({ length: env.size ** 2 }, (_, s) => env.rightAction(s));
    const a = mapping(new DeepSea(10));
    expect(mapping(new DeepSea(10, DEEP_SEA_MAPPING_SEED))).toEqual(a);
    expect(mapping(new DeepSea(10, 7))).not.toEqual(a);
    // Both meanings occur: no action is "right" everywhere (a fair coin per cell: 100 cells).
    const ones = a.filter((bit) => bit === 1).length;
    expect(ones).toBeGreaterThan(30);
    expect(ones).toBeLessThan(70);
    // Pinned: a change in how the mapping is drawn changes every published DeepSea result.
    expect(mapping(new DeepSea(4)).join("")).toMatchInlineSnapshot(`"1111011000100010"`);
  });

  it("refuses bad sizes, actions and steps after the end with typed errors", () => {
    for (const size of [0, -1, 1.5, 65, Number.NaN]) expect(() => new DeepSea(size)).toThrow(InvalidArgumentError);
    expect(() => new DeepSea(4, -1)).toThrow(InvalidArgumentError);
    const env = new DeepSea(2);
    env.reset();
    expect(() => env.step(2)).toThrow(InvalidArgumentError);
    env.step(0);
    env.step(0);
    expect(() => env.step(0)).toThrow(/episode is over/);
  });

  it("observes bsuite's one-hot grid", () => {
    const out = new Float32Array(9).fill(7);
    writeObservation(3, 5, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0]);
  });
});
