import { ShapeError } from "../errors.js";

/**
 * A "categorical" ensemble's prediction (docs/heads.md): the uniform mixture of its members'
 * class distributions and the split of its entropy into an aleatoric and an epistemic part
 * (Houlsby et al. 2011, "Bayesian Active Learning for Classification and Preference Learning";
 * Depeweg et al. 2018, "Decomposition of Uncertainty in Bayesian Deep Learning"). Entropies are in
 * nats.
 */
export interface ClassPrediction {
  readonly memberCount: number;
  readonly n: number;
  readonly classCount: number;
  /** [members, n, K]: each member's logits t + β·p. */
  readonly logits: Float32Array;
  /** [members, n, K]: softmax of each member's logits. */
  readonly memberProbabilities: Float32Array;
  /** [n, K]: the uniform average of the member probabilities (not the softmax of averaged logits). */
  readonly probabilities: Float32Array;
  /** [n]: argmax of `probabilities`, the lowest index on ties. */
  readonly predictedClass: Int32Array;
  /** [n]: H[p̄] = −Σ_k p̄_k log p̄_k, the total predictive entropy. */
  readonly entropy: Float32Array;
  /** [n]: the members' mean entropy (1/M) Σ_m H[p_m], the expected (aleatoric) part. */
  readonly aleatoricEntropy: Float32Array;
  /** [n]: entropy − aleatoricEntropy, the members' mutual information (epistemic), clamped at 0. */
  readonly mutualInformation: Float32Array;
}

/** −Σ p log p over `count` probabilities from `offset`, with 0·log 0 = 0. */
function entropyOf(p: ArrayLike<number>, offset: number, count: number): number {
  let h = 0;
  for (let k = 0; k < count; k++) {
    const v = p[offset + k]!;
    if (v > 0) h -= v * Math.log(v);
  }
  return h;
}

/**
 * The class prediction of an ensemble from its members' logits, computed in float64 and stored
 * as float32. Each member's softmax subtracts the row's largest logit first, so no logit
 * overflows exp.
 * @param logits [memberCount, n, classCount] logits, row-major.
 * @throws {ShapeError} when logits do not split into memberCount members × classCount classes.
 */
export function summarizeClasses(logits: Float32Array, memberCount: number, classCount: number): ClassPrediction {
  const perMember = logits.length / memberCount;
  if (!Number.isInteger(perMember) || perMember % classCount !== 0 || classCount < 1) {
    throw new ShapeError(
      `logits of length ${logits.length} do not split into ${memberCount} members × ${classCount} classes`,
    );
  }
  const n = perMember / classCount;
  const memberProbabilities = new Float32Array(logits.length);
  const probabilities = new Float32Array(perMember);
  const predictedClass = new Int32Array(n);
  const entropy = new Float32Array(n);
  const aleatoricEntropy = new Float32Array(n);
  const mutualInformation = new Float32Array(n);
  const member = new Float64Array(classCount);
  const mean = new Float64Array(classCount);
  for (let i = 0; i < n; i++) {
    mean.fill(0);
    let expected = 0;
    for (let m = 0; m < memberCount; m++) {
      const offset = (m * n + i) * classCount;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < classCount; k++) max = Math.max(max, logits[offset + k]!);
      let sum = 0;
      for (let k = 0; k < classCount; k++) {
        member[k] = Math.exp(logits[offset + k]! - max);
        sum += member[k]!;
      }
      for (let k = 0; k < classCount; k++) {
        member[k] = member[k]! / sum;
        memberProbabilities[offset + k] = member[k]!;
        mean[k] = mean[k]! + member[k]! / memberCount;
      }
      expected += entropyOf(member, 0, classCount) / memberCount;
    }
    let best = 0;
    for (let k = 0; k < classCount; k++) {
      probabilities[i * classCount + k] = mean[k]!;
      if (mean[k]! > mean[best]!) best = k;
    }
    predictedClass[i] = best;
    const total = entropyOf(mean, 0, classCount);
    entropy[i] = total;
    aleatoricEntropy[i] = expected;
    // Jensen: H[p̄] ≥ mean H[p_m]; a negative difference is round-off.
    mutualInformation[i] = Math.max(0, total - expected);
  }
  return {
    memberCount,
    n,
    classCount,
    logits,
    memberProbabilities,
    probabilities,
    predictedClass,
    entropy,
    aleatoricEntropy,
    mutualInformation,
  };
}
