import { describe, expect, it } from "vitest";
import { DataError, InvalidArgumentError, ShapeError } from "../errors.js";
import { ECE_BINS, evaluateClasses, MIN_CLASS_PROBABILITY, type ScoredClassPrediction } from "./evaluate-classes.js";

/** A prediction from probability rows; the entropies are given, as evaluateClasses only averages them. */
function prediction(
  rows: number[][],
  entropies: { total?: number[]; aleatoric?: number[] } = {},
): ScoredClassPrediction {
  const n = rows.length;
  const total = entropies.total ?? new Array<number>(n).fill(0);
  const aleatoric = entropies.aleatoric ?? new Array<number>(n).fill(0);
  return {
    n,
    classCount: rows[0]!.length,
    probabilities: rows.flat(),
    predictedClass: rows.map((row) => row.indexOf(Math.max(...row))),
    entropy: total,
    aleatoricEntropy: aleatoric,
    mutualInformation: total.map((t, i) => t - aleatoric[i]!),
  };
}

describe("evaluateClasses: a 4-point, 3-class case computed by hand", () => {
  // Predicted 0 (right, confidence 0.7), 1 (wrong, 0.62), 2 (right, 0.64), 0 (wrong, 0.5).
  const rows = [
    [0.7, 0.2, 0.1],
    [0.08, 0.62, 0.3],
    [0.18, 0.18, 0.64],
    [0.5, 0.25, 0.25],
  ];
  const result = evaluateClasses(prediction(rows, { total: [1, 2, 3, 4], aleatoric: [0.5, 1, 1.5, 2] }), [0, 2, 2, 1]);

  it("accuracy 2/4", () => {
    expect(result.accuracy).toBe(0.5);
  });

  it("NLL −(log 0.7 + log 0.3 + log 0.64 + log 0.25)/4 = 0.848307 nats", () => {
    expect(result.nll).toBeCloseTo(0.8483073, 6);
    expect(result.clampedProbabilities).toBe(0);
  });

  it("Brier (0.14 + 0.8808 + 0.1944 + 0.875)/4 = 0.52255 (sum over classes, not divided by K)", () => {
    expect(result.brier).toBeCloseTo(0.52255, 10);
  });

  it("ECE ¼·|1 − 0.7| + ²⁄₄·|0.5 − 0.63| + ¼·|0 − 0.5| = 0.265 over 15 bins", () => {
    expect(result.ece).toBeCloseTo(0.265, 10);
    expect(result.reliability).toHaveLength(ECE_BINS);
    const filled = result.reliability.flatMap((bin, b) => (bin.count > 0 ? [{ b, ...bin }] : []));
    expect(filled.map(({ b, count }) => [b, count])).toEqual([
      [7, 1],
      [9, 2],
      [10, 1],
    ]);
    expect(filled[1]!.confidence).toBeCloseTo(0.63, 12);
    expect(filled[1]!.accuracy).toBe(0.5);
    expect(filled[1]!.lower).toBeCloseTo(9 / 15, 15);
    expect(filled[1]!.upper).toBeCloseTo(10 / 15, 15);
    const empty = result.reliability[0]!;
    expect([empty.count, empty.confidence, empty.accuracy]).toEqual([0, null, null]);
  });

  it("averages the entropies: 2.5 total, 1.25 aleatoric, 1.25 mutual information", () => {
    expect([result.entropy, result.aleatoricEntropy, result.mutualInformation]).toEqual([2.5, 1.25, 1.25]);
  });
});

describe("evaluateClasses: the ends of each score", () => {
  it("a certain right answer scores accuracy 1, NLL 0, Brier 0, ECE 0 (confidence 1 in the last bin)", () => {
    const result = evaluateClasses(prediction([[0, 1]]), [1]);
    expect([result.accuracy, result.nll, result.brier, result.ece]).toEqual([1, 0, 0, 0]);
    expect(result.reliability[ECE_BINS - 1]!.count).toBe(1);
  });

  it("a certain wrong answer scores Brier 2 and clamps p = 0 to 2^−126 (NLL 126·log 2 = 87.34 nats, finite)", () => {
    const result = evaluateClasses(prediction([[1, 0]]), [1]);
    expect(result.brier).toBe(2);
    expect(result.ece).toBe(1);
    expect(result.nll).toBeCloseTo(126 * Math.LN2, 10);
    expect(result.nll).toBeCloseTo(-Math.log(MIN_CLASS_PROBABILITY), 12);
    expect(result.clampedProbabilities).toBe(1);
  });

  it("accepts float32 probabilities and Int32Array labels", () => {
    const base = prediction([
      [0.25, 0.75],
      [0.9, 0.1],
    ]);
    const result = evaluateClasses(
      { ...base, probabilities: Float32Array.from(base.probabilities as number[]) },
      Int32Array.of(1, 1),
    );
    expect(result.accuracy).toBe(0.5);
    expect(result.nll).toBeCloseTo(-(Math.log(0.75) + Math.log(0.1)) / 2, 6);
  });
});

describe("evaluateClasses refuses what it cannot score", () => {
  const two = prediction([
    [0.4, 0.6],
    [0.8, 0.2],
  ]);

  it.each([
    ["too few labels", [1], ShapeError, "yTrue has 1 class indices; the prediction has 2 points"],
    ["a class index out of range", [1, 2], DataError, "yTrue[1] is 2; a class index is an integer in [0, 2)"],
    ["a negative class index", [-1, 0], DataError, "yTrue[0] is -1"],
    ["a fractional class index", [0.5, 0], DataError, "yTrue[0] is 0.5"],
    ["a NaN class index", [Number.NaN, 0], DataError, "yTrue[0] is NaN"],
  ])("%s", (_label, labels, type, message) => {
    expect(() => evaluateClasses(two, labels)).toThrow(type);
    expect(() => evaluateClasses(two, labels)).toThrow(message);
  });

  it("no points", () => {
    expect(() => evaluateClasses({ ...two, n: 0 }, [])).toThrow(InvalidArgumentError);
  });

  it("a non-finite probability", () => {
    const bad = { ...two, probabilities: [0.4, Number.NaN, 0.8, 0.2] };
    expect(() => evaluateClasses(bad, [0, 0])).toThrow("prediction.probabilities[1] is NaN");
  });

  it("a prediction field of the wrong length", () => {
    expect(() => evaluateClasses({ ...two, entropy: [0] }, [0, 0])).toThrow(ShapeError);
  });
});
