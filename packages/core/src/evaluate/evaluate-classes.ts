import { DataError, InvalidArgumentError, ShapeError } from "../errors.js";

/** Equal-width confidence bins of the expected calibration error, as Guo et al. (2017) use. */
export const ECE_BINS = 15;

/**
 * The smallest probability the NLL takes the log of: the smallest normal float32, 2^−126. A
 * predicted probability below it (0 where every member's float32 softmax underflowed) is an
 * artefact of float32, not a model value; clamping keeps −log p at most 87.34 nats instead of
 * Infinity, and `Classification.clampedProbabilities` counts the points it touched.
 */
export const MIN_CLASS_PROBABILITY = 2 ** -126;

/** What evaluateClasses reads from a class prediction (the fields of core's ClassPrediction it needs). */
export interface ScoredClassPrediction {
  readonly n: number;
  readonly classCount: number;
  /** [n, classCount] row-major: the averaged member probabilities p̄. */
  readonly probabilities: ArrayLike<number>;
  /** [n]: argmax of p̄ per point. */
  readonly predictedClass: ArrayLike<number>;
  /** [n], nats: H[p̄]. */
  readonly entropy: ArrayLike<number>;
  /** [n], nats: mean over members of H[p_m]. */
  readonly aleatoricEntropy: ArrayLike<number>;
  /** [n], nats: entropy − aleatoricEntropy. */
  readonly mutualInformation: ArrayLike<number>;
}

/** One confidence bin of the reliability diagram; confidence and accuracy are null for an empty bin. */
export interface ReliabilityBin {
  /** The bin is (lower, upper]: the first bin also takes a confidence of exactly 0. */
  readonly lower: number;
  readonly upper: number;
  /** Points whose confidence (the probability of the predicted class) falls in the bin. */
  readonly count: number;
  /** Mean confidence of those points; null when count is 0. */
  readonly confidence: number | null;
  /** Fraction of those points whose predicted class is the true one; null when count is 0. */
  readonly accuracy: number | null;
}

/** What evaluateClasses measures on one labelled set; every number is finite. */
export interface Classification {
  readonly n: number;
  readonly classCount: number;
  /** Fraction of points whose predicted class is the true one. */
  readonly accuracy: number;
  /** Mean −log p̄_true over points, nats (probabilities clamped at MIN_CLASS_PROBABILITY). */
  readonly nll: number;
  /** Points whose p̄_true was below MIN_CLASS_PROBABILITY and was clamped for the NLL. */
  readonly clampedProbabilities: number;
  /** Mean over points of Σ_k (p̄_k − y_k)², y one-hot: Brier's (1950) multi-class score, in [0, 2]. */
  readonly brier: number;
  /** Expected calibration error: Σ_b (count_b / n)·|accuracy_b − confidence_b| over ECE_BINS bins, in [0, 1]. */
  readonly ece: number;
  /** The reliability diagram: ECE_BINS equal-width bins of (0, 1], lowest first. */
  readonly reliability: readonly ReliabilityBin[];
  /** Mean total predictive entropy H[p̄], nats. */
  readonly entropy: number;
  /** Mean expected member entropy (aleatoric), nats. */
  readonly aleatoricEntropy: number;
  /** Mean mutual information (epistemic), nats. */
  readonly mutualInformation: number;
}

function checkLabels(prediction: ScoredClassPrediction, yTrue: ArrayLike<number>): void {
  const { n, classCount } = prediction;
  if (yTrue.length !== n) {
    throw new ShapeError(`yTrue has ${yTrue.length} class indices; the prediction has ${n} points`, {
      field: "yTrue",
      accepted: `${n} class indices`,
    });
  }
  if (n < 1)
    throw new InvalidArgumentError("evaluation needs at least 1 point; got 0", {
      field: "yTrue",
      accepted: "1 or more points",
    });
  for (let i = 0; i < n; i++) {
    const label = yTrue[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new DataError(
        `yTrue[${i}] is ${label}; a class index is an integer in [0, ${classCount}) for this ${classCount}-class prediction`,
        { field: "yTrue", accepted: `integers 0 to ${classCount - 1}` },
      );
    }
  }
  const sizes = [
    ["probabilities", prediction.probabilities, n * classCount],
    ["predictedClass", prediction.predictedClass, n],
    ["entropy", prediction.entropy, n],
    ["aleatoricEntropy", prediction.aleatoricEntropy, n],
    ["mutualInformation", prediction.mutualInformation, n],
  ] as const;
  for (const [name, values, size] of sizes) {
    if (values.length !== size)
      throw new ShapeError(`prediction.${name} has ${values.length} values; expected ${size}`, { field: name });
    for (let i = 0; i < size; i++) {
      if (!Number.isFinite(values[i]!))
        throw new InvalidArgumentError(`prediction.${name}[${i}] is ${values[i]}; a class prediction is finite`, {
          field: name,
        });
    }
  }
}

/** Index of the ECE bin ((b/B, (b+1)/B]) holding `confidence`; a confidence of 0 goes to the first. */
function binOf(confidence: number, bins: number): number {
  return Math.min(bins - 1, Math.max(0, Math.ceil(confidence * bins) - 1));
}

/**
 * Scores a class prediction against the true classes: accuracy, NLL, Brier score, expected
 * calibration error with its reliability diagram, and the mean of each uncertainty measure.
 *
 * - NLL is the mean of −log p̄_true, in nats, where p̄ is the averaged member probability (the
 *   ensemble's predictive distribution, Lakshminarayanan et al. 2017). p̄_true below
 *   MIN_CLASS_PROBABILITY is clamped there (counted in `clampedProbabilities`).
 * - Brier is Brier's (1950) original multi-class score, mean over points of Σ_k (p̄_k − y_k)²
 *   with y one-hot: 0 for a certain right answer, 2 for a certain wrong one (not divided by K).
 * - ECE follows Guo, Pleiss, Sun & Weinberger (2017), "On Calibration of Modern Neural
 *   Networks", eq. 3: points are binned by confidence (the probability of the predicted class) into
 *   ECE_BINS equal-width bins ((b−1)/B, b/B], and ECE = Σ_b (|B_b|/n)·|acc(B_b) − conf(B_b)|.
 *   `reliability` is the diagram of the same bins (their Figure 1, bottom row).
 * - entropy, aleatoricEntropy and mutualInformation are the means over points of the
 *   prediction's per-point decomposition (Depeweg et al. 2018), in nats.
 *
 * @param prediction - a class prediction ([n, K] probabilities, predicted classes, entropies), e.g. Ensemble.predictClasses's.
 * @param yTrue - the true class index of each point, [n], integers in [0, K).
 * @throws {ShapeError} when yTrue does not hold n indices or a prediction field has the wrong length.
 * @throws {DataError} for a class index that is not an integer in [0, K).
 * @throws {InvalidArgumentError} for no points, or a prediction holding a non-finite value.
 */
export function evaluateClasses(prediction: ScoredClassPrediction, yTrue: ArrayLike<number>): Classification {
  checkLabels(prediction, yTrue);
  const { n, classCount: k, probabilities } = prediction;
  const binCount = new Array<number>(ECE_BINS).fill(0);
  const binConfidence = new Array<number>(ECE_BINS).fill(0);
  const binCorrect = new Array<number>(ECE_BINS).fill(0);
  let correct = 0;
  let nll = 0;
  let clamped = 0;
  let brier = 0;
  let entropy = 0;
  let aleatoric = 0;
  let mutual = 0;
  for (let i = 0; i < n; i++) {
    const label = yTrue[i]!;
    const predicted = prediction.predictedClass[i]!;
    const right = predicted === label ? 1 : 0;
    correct += right;
    const pTrue = probabilities[i * k + label]!;
    if (pTrue < MIN_CLASS_PROBABILITY) clamped += 1;
    nll -= Math.log(Math.max(pTrue, MIN_CLASS_PROBABILITY));
    for (let c = 0; c < k; c++) brier += (probabilities[i * k + c]! - (c === label ? 1 : 0)) ** 2;
    const confidence = probabilities[i * k + predicted]!;
    const bin = binOf(confidence, ECE_BINS);
    binCount[bin]! += 1;
    binConfidence[bin]! += confidence;
    binCorrect[bin]! += right;
    entropy += prediction.entropy[i]!;
    aleatoric += prediction.aleatoricEntropy[i]!;
    mutual += prediction.mutualInformation[i]!;
  }
  let ece = 0;
  const reliability = binCount.map((count, b): ReliabilityBin => {
    const bounds = { lower: b / ECE_BINS, upper: (b + 1) / ECE_BINS, count };
    if (count === 0) return { ...bounds, confidence: null, accuracy: null };
    const confidence = binConfidence[b]! / count;
    const accuracy = binCorrect[b]! / count;
    ece += (count / n) * Math.abs(accuracy - confidence);
    return { ...bounds, confidence, accuracy };
  });
  return {
    n,
    classCount: k,
    accuracy: correct / n,
    nll: nll / n,
    clampedProbabilities: clamped,
    brier: brier / n,
    ece,
    reliability,
    entropy: entropy / n,
    aleatoricEntropy: aleatoric / n,
    mutualInformation: mutual / n,
  };
}
