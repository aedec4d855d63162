import { describe, expect, it } from "vitest";
import { testScores } from "./test-scores.js";

describe("testScores", () => {
  it("gives accuracy and the mean −log p of each point's class", () => {
    const probabilities = Float32Array.from([0.9, 0.1, 0.3, 0.7, 0.6, 0.4]);
    const scores = testScores(probabilities, 2, Int32Array.from([0, 1, 1]))!;
    expect(scores.count).toBe(3);
    expect(scores.accuracy).toBeCloseTo(2 / 3, 12);
    const expected = -(Math.log(0.9) + Math.log(0.7) + Math.log(0.4)) / 3;
    expect(scores.loss).toBeCloseTo(expected, 6);
  });

  it("breaks ties to the lowest class, as core's predictedClass does", () => {
    const scores = testScores(Float32Array.from([0.5, 0.5]), 2, Int32Array.from([1]))!;
    expect(scores.accuracy).toBe(0);
  });

  it("stays finite when the true class has probability 0", () => {
    const scores = testScores(Float32Array.from([1, 0]), 2, Int32Array.from([1]))!;
    expect(Number.isFinite(scores.loss)).toBe(true);
    expect(scores.loss).toBeCloseTo(-Math.log(1e-12), 6);
  });

  it("is null for no points and refuses mismatched input", () => {
    expect(testScores(new Float32Array(0), 2, new Int32Array(0))).toBeNull();
    expect(() => testScores(new Float32Array(3), 2, Int32Array.from([0, 1]))).toThrow(RangeError);
    expect(() => testScores(new Float32Array(2), 2, Int32Array.from([2]))).toThrow(/class 2 of point 0/);
  });
});
