import { InvalidArgumentError } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { validateDeepSeaSizes } from "./deep-sea-sweep.js";
import { LearningCriterion } from "./learning-criterion.js";

describe("the learning criterion", () => {
  it("is met at the first episode where bad episodes are fewer than 90% of all", () => {
    const criterion = new LearningCriterion();
    // 9 bad, then good ones: after e episodes with g good, bad/e = 9/e < 0.9 first at e = 11.
    const outcomes = [...Array(9).fill(true), false, false, false];
    const met = outcomes.map((bad) => criterion.record(bad));
    expect(met.indexOf(true) + 1).toBe(11);
    expect(criterion.learnedAt).toBe(11);
    expect(criterion.badFraction).toBeCloseTo(9 / 12, 12);
  });

  it("counts exactly 90% bad as not learned", () => {
    const criterion = new LearningCriterion();
    for (const bad of [true, true, true, true, true, true, true, true, true, false]) criterion.record(bad);
    expect(criterion.learnedAt).toBeNull();
  });
});

describe("DeepSea sizes", () => {
  it("refuses an empty list, sizes out of range and repeats", () => {
    for (const sizes of [[], [1], [65], [4.5], [4, 4], [Number.NaN]])
      expect(() => validateDeepSeaSizes(sizes)).toThrow(InvalidArgumentError);
    expect(() => validateDeepSeaSizes([2, 64])).not.toThrow();
  });
});
