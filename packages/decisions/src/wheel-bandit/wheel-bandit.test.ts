import { InvalidArgumentError } from "@rpf/core";
import { keyFromSeed } from "@rpf/core/random";
import { describe, expect, it } from "vitest";
import { quadrantAction, WHEEL_DELTAS, WheelBandit } from "./wheel-bandit.js";

describe("the wheel bandit", () => {
  it("pays 1.2 for the safe action and 1.0 for the others inside radius δ", () => {
    const wheel = new WheelBandit(0.5);
    expect(Array.from(wheel.means(0.3, -0.2))).toEqual([1.2, 1, 1, 1, 1]);
    expect(wheel.optimalAction(0.3, -0.2)).toBe(0);
  });

  it("pays 50 for the quadrant's action outside radius δ, 1.2 and 1.0 for the rest", () => {
    const wheel = new WheelBandit(0.5);
    const cases: [number, number, number][] = [
      [0.6, 0.6, 1],
      [0.6, -0.6, 2],
      [-0.6, 0.6, 3],
      [-0.6, -0.6, 4],
    ];
    for (const [x1, x2, best] of cases) {
      const expected = [1.2, 1, 1, 1, 1];
      expected[best] = 50;
      expect(Array.from(wheel.means(x1, x2))).toEqual(expected);
      expect(wheel.optimalAction(x1, x2)).toBe(best);
      expect(quadrantAction(x1, x2)).toBe(best);
    }
  });

  it("draws contexts uniform in the unit disc: inside it, a quarter of them within radius 1/2, each quadrant a quarter", () => {
    const count = 20_000;
    const xs = WheelBandit.contexts(keyFromSeed(3), count);
    let inner = 0;
    const quadrants = [0, 0, 0, 0, 0];
    for (let i = 0; i < count; i++) {
      const r = Math.hypot(xs[2 * i]!, xs[2 * i + 1]!);
      expect(r).toBeLessThanOrEqual(1);
      if (r <= 0.5) inner += 1;
      quadrants[quadrantAction(xs[2 * i]!, xs[2 * i + 1]!)]! += 1;
    }
    // Binomial standard errors are about 0.003; 0.015 is five of them.
    expect(inner / count).toBeCloseTo(0.25, 1);
    expect(Math.abs(inner / count - 0.25)).toBeLessThan(0.015);
    for (const q of quadrants.slice(1)) expect(Math.abs(q / count - 0.25)).toBeLessThan(0.015);
    expect(WheelBandit.contexts(keyFromSeed(3), count)).toEqual(xs);
    expect(WheelBandit.contexts(keyFromSeed(4), count)).not.toEqual(xs);
  });

  it("adds N(0, 0.01²) noise", () => {
    const noise = WheelBandit.noise(keyFromSeed(1), 20_000);
    const mean = noise.reduce((s, z) => s + z, 0) / noise.length;
    const sd = Math.sqrt(noise.reduce((s, z) => s + (z - mean) ** 2, 0) / noise.length);
    expect(Math.abs(mean)).toBeLessThan(0.0003);
    expect(sd).toBeGreaterThan(0.0097);
    expect(sd).toBeLessThan(0.0103);
  });

  it("accepts the showdown's δs and refuses δ outside (0, 1)", () => {
    for (const delta of WHEEL_DELTAS) expect(new WheelBandit(delta).delta).toBe(delta);
    for (const delta of [0, 1, -0.5, 1.5, Number.NaN])
      expect(() => new WheelBandit(delta)).toThrow(InvalidArgumentError);
  });
});
