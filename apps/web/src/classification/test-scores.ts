/** The smallest probability a log is taken of: a float32 zero would make the loss infinite. */
const PROBABILITY_FLOOR = 1e-12;

/** How the ensemble does on the held-out points. */
export interface TestScores {
  /** Fraction of points whose most probable class (lowest index on ties) is theirs. */
  readonly accuracy: number;
  /** Mean negative log predictive probability of each point's class (nats), each floored at 1e-12. */
  readonly loss: number;
  readonly count: number;
}

/**
 * Accuracy and cross-entropy of the predictive probabilities [n, K] against the true classes [n];
 * null for no points (nothing held out), never NaN.
 * @throws {RangeError} when the lengths do not match or a class is outside [0, K).
 */
export function testScores(probabilities: Float32Array, classCount: number, classIndex: Int32Array): TestScores | null {
  const n = classIndex.length;
  if (probabilities.length !== n * classCount) {
    throw new RangeError(`probabilities hold ${probabilities.length} values for ${n} points of ${classCount} classes`);
  }
  if (n === 0) return null;
  let correct = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const truth = classIndex[i]!;
    if (!(truth >= 0 && truth < classCount))
      throw new RangeError(`class ${truth} of point ${i} is outside 0 to ${classCount - 1}`);
    let best = 0;
    for (let k = 1; k < classCount; k++) {
      if (probabilities[i * classCount + k]! > probabilities[i * classCount + best]!) best = k;
    }
    if (best === truth) correct++;
    loss -= Math.log(Math.max(probabilities[i * classCount + truth]!, PROBABILITY_FLOOR));
  }
  return { accuracy: correct / n, loss: loss / n, count: n };
}
