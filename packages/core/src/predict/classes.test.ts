import { describe, expect, it } from "vitest";
import { ShapeError } from "../errors.js";
import { referenceClasses } from "../testing/reference.js";
import { summarizeClasses } from "./classes.js";

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
const binaryEntropy = (p: number) => -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

describe("summarizeClasses", () => {
  it("averages the members' probabilities, not their logits", () => {
    // Member logits [4, 0] and [−2, 0]: averaged logits [1, 0] would give sigmoid(1) = 0.731.
    const prediction = summarizeClasses(Float32Array.of(4, 0, -2, 0), 2, 2);
    const expected = (sigmoid(4) + sigmoid(-2)) / 2;
    expect(prediction.probabilities[0]).toBeCloseTo(expected, 6);
    expect(prediction.probabilities[0]! - sigmoid(1)).toBeLessThan(-0.15);
    expect(prediction.memberProbabilities[0]).toBeCloseTo(sigmoid(4), 6);
    expect(prediction.memberProbabilities[2]).toBeCloseTo(sigmoid(-2), 6);
    expect(prediction.entropy[0]).toBeCloseTo(binaryEntropy(expected), 6);
    const aleatoric = (binaryEntropy(sigmoid(4)) + binaryEntropy(sigmoid(-2))) / 2;
    expect(prediction.aleatoricEntropy[0]).toBeCloseTo(aleatoric, 6);
    expect(prediction.mutualInformation[0]).toBeCloseTo(binaryEntropy(expected) - aleatoric, 6);
  });

  it("gives mutual information ln 2 to two confident members who disagree, and ~0 to members who agree", () => {
    const prediction = summarizeClasses(Float32Array.of(50, 0, 1, 2, 0, 50, 1, 2), 2, 2);
    expect(prediction.entropy[0]).toBeCloseTo(Math.LN2, 6);
    expect(prediction.aleatoricEntropy[0]).toBeLessThan(1e-12);
    expect(prediction.mutualInformation[0]).toBeCloseTo(Math.LN2, 6);
    // Row 1: both members say [1, 2]: all entropy is aleatoric.
    expect(prediction.entropy[1]).toBeCloseTo(binaryEntropy(sigmoid(-1)), 6);
    expect(prediction.aleatoricEntropy[1]).toBeCloseTo(binaryEntropy(sigmoid(-1)), 6);
    expect(prediction.mutualInformation[1]).toBeLessThan(1e-7);
    expect(Array.from(prediction.predictedClass)).toEqual([0, 1]);
  });

  it("matches the float64 reference, keeps entropy = aleatoric + MI and MI ≥ 0 on random logits", () => {
    const members = 5;
    const n = 40;
    const classes = 4;
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return (state / 2 ** 31) * 12 - 6;
    };
    const logits = Float32Array.from({ length: members * n * classes }, random);
    const prediction = summarizeClasses(logits, members, classes);
    const reference = referenceClasses(logits, members, classes);
    for (let j = 0; j < n * classes; j++)
      expect(prediction.probabilities[j]).toBeCloseTo(reference.probabilities[j]!, 6);
    for (let i = 0; i < n; i++) {
      expect(prediction.entropy[i]).toBeCloseTo(reference.entropy[i]!, 6);
      expect(prediction.aleatoricEntropy[i]).toBeCloseTo(reference.aleatoricEntropy[i]!, 6);
      expect(prediction.mutualInformation[i]).toBeGreaterThanOrEqual(0);
      expect(prediction.mutualInformation[i]).toBeCloseTo(prediction.entropy[i]! - prediction.aleatoricEntropy[i]!, 6);
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += prediction.probabilities[i * classes + k]!;
      expect(sum).toBeCloseTo(1, 6);
    }
  });

  it("takes logits far beyond exp's range without overflow, and breaks ties to the lowest index", () => {
    const prediction = summarizeClasses(Float32Array.of(1e4, 1e4 - 1, 3e38, 3e38, 0, 0, 0, 0), 1, 2);
    expect(prediction.probabilities[0]).toBeCloseTo(sigmoid(1), 6);
    expect(Array.from(prediction.probabilities.subarray(2))).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(prediction.predictedClass)).toEqual([0, 0, 0, 0]);
    expect(prediction.entropy[3]).toBeCloseTo(Math.LN2, 6);
  });

  it("refuses logits that do not split into members × classes", () => {
    expect(() => summarizeClasses(new Float32Array(7), 2, 2)).toThrow(ShapeError);
    expect(() => summarizeClasses(new Float32Array(6), 2, 2)).toThrow(/do not split into 2 members × 2 classes/);
  });
});
