import * as tf from "@tensorflow/tfjs-core";

/**
 * The "gaussian" head in tf ops (docs/heads.md): a network's output rows are
 * [means (outputSize), raw variances (outputSize)], the member's mean is t_mean + β·p_mean and its
 * variance softplus(t_raw) + varianceFloor. Every function here is called inside tf.tidy.
 */

/** The first (means) or second (raw variances) half of the last axis of [M, n, 2·outputSize]. */
export function headHalf(output: tf.Tensor3D, half: "mean" | "raw"): tf.Tensor3D {
  const [members, n, width] = output.shape;
  const size = width / 2;
  return tf.slice(output, [0, 0, half === "mean" ? 0 : size], [members, n, size]);
}

/**
 * softplus(a) + floor, with softplus(a) = max(a, 0) + log1p(exp(−|a|)): neither term overflows
 * and log1p keeps the small values (a ≪ 0) accurate, where log(1 + eᵃ) would round eᵃ away.
 */
export function gaussianVariance(raw: tf.Tensor3D, floor: number): tf.Tensor3D {
  return tf.add(tf.add(tf.relu(raw), tf.log1p(tf.exp(tf.neg(tf.abs(raw))))), floor) as tf.Tensor3D;
}

interface GaussianBatch {
  /** The trainable network's output [M, n, 2·outputSize]. */
  readonly output: tf.Tensor3D;
  /** β·p_mean [M, n, outputSize]: the prior's share of the mean. */
  readonly priorMean: tf.Tensor3D;
  readonly y: tf.Tensor3D;
  /** The members' example weights [M, n, 1]. */
  readonly weights: tf.Tensor3D;
  readonly varianceFloor: number;
}

/** How the gradient treats the variance: β-NLL's exponent, and mean warm-up (docs/heads.md). */
export interface GaussianTraining {
  /** spec.varianceWeighting: each example's gradient is scaled by σ²^b, held constant; 0: plain NLL. */
  readonly varianceWeighting: number;
  /** Mean warm-up: the mean learns by squared error, the raw variances get no gradient. */
  readonly meanOnly: boolean;
}

/** Residual μ − y, variance σ² and the raw outputs of a batch, shared by the loss and its gradient. */
function parts({ output, priorMean, y, varianceFloor }: GaussianBatch) {
  const raw = headHalf(output, "raw");
  const residual = tf.sub(tf.add(headHalf(output, "mean"), priorMean), y) as tf.Tensor3D;
  return { raw, residual, variance: gaussianVariance(raw, varianceFloor) };
}

/** Σᵢ wᵢ Σₒ [½·log(2π·σ²) + r²/(2σ²)] / (n·outputSize) per member: [M]. */
function lossOf(batch: GaussianBatch, residual: tf.Tensor3D, variance: tf.Tensor3D): tf.Tensor1D {
  const [, n, width] = residual.shape;
  const nll = tf.add(
    tf.mul(0.5, tf.log(tf.mul(2 * Math.PI, variance))),
    tf.div(tf.square(residual), tf.mul(2, variance)),
  );
  return tf.div(tf.sum(tf.mul(batch.weights, nll), [1, 2]), n * width) as tf.Tensor1D;
}

/** The members' weighted Gaussian NLL on a batch: [M]. */
export function gaussianLoss(batch: GaussianBatch): tf.Tensor1D {
  const { residual, variance } = parts(batch);
  return lossOf(batch, residual, variance);
}

/**
 * The members' NLL losses [M] and dL/d(output) [M, n, 2·outputSize]:
 * ∂L/∂t_mean = w·c·r/σ²/(n·outputSize), ∂L/∂t_raw = w·c·½(1 − r²/σ²)/σ²·sigmoid(t_raw)/(n·outputSize)
 * with c = (σ²)^varianceWeighting held constant (β-NLL; 1 for the plain NLL); in mean warm-up
 * ∂L/∂t_mean = w·r/(n·outputSize) and ∂L/∂t_raw = 0.
 */
export function gaussianLossAndGradient(
  batch: GaussianBatch,
  training: GaussianTraining,
): { losses: tf.Tensor1D; outputGrad: tf.Tensor3D } {
  const { raw, residual, variance } = parts(batch);
  const [, n, width] = residual.shape;
  const scale = 1 / (n * width);
  const losses = lossOf(batch, residual, variance);
  if (training.meanOnly) {
    const meanGrad = tf.mul(tf.mul(batch.weights, scale), residual);
    return { losses, outputGrad: tf.concat([meanGrad, tf.zerosLike(raw)], 2) as tf.Tensor3D };
  }
  const exponent = training.varianceWeighting;
  const weighted = exponent === 0 ? batch.weights : tf.mul(batch.weights, tf.pow(variance, exponent));
  const weightedPrecision = tf.div(tf.mul(weighted, scale), variance);
  const meanGrad = tf.mul(weightedPrecision, residual);
  const rawGrad = tf.mul(
    tf.mul(weightedPrecision, tf.mul(0.5, tf.sub(1, tf.div(tf.square(residual), variance)))),
    tf.sigmoid(raw),
  );
  return { losses, outputGrad: tf.concat([meanGrad, rawGrad], 2) as tf.Tensor3D };
}
