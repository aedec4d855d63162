import * as tf from "@tensorflow/tfjs-core";

/**
 * The "categorical" head in tf ops (docs/heads.md): both networks output K logits per row, a
 * member's logits are z = t + β·p (β·p adds to every logit), and it trains with the cross-entropy
 * against one-hot targets, weighted by the bootstrap weights and divided by the batch's example
 * count n. Every function here is called inside tf.tidy.
 */

interface CategoricalBatch {
  /** The trainable network's logits t [M, n, K]. */
  readonly output: tf.Tensor3D;
  /** β·p [M, n, K]: the prior's logits, scaled. */
  readonly priorOut: tf.Tensor3D;
  /** One-hot targets [M, n, K]. */
  readonly y: tf.Tensor3D;
  /** The members' example weights [M, n, 1]. */
  readonly weights: tf.Tensor3D;
}

/**
 * log softmax(z) over the last axis, with the row's largest logit subtracted before exp so no
 * logit overflows and the largest term is exp(0) = 1, which keeps the log-sum-exp ≥ 0 and finite.
 */
function logSoftmax(z: tf.Tensor3D): tf.Tensor3D {
  const shifted = tf.sub(z, tf.max(z, 2, true));
  return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), 2, true))) as tf.Tensor3D;
}

/** Σᵢ wᵢ · CEᵢ / n per member, [M], from the log-probabilities [M, n, K]. */
function lossOf(batch: CategoricalBatch, logProbabilities: tf.Tensor3D): tf.Tensor1D {
  const n = logProbabilities.shape[1];
  const crossEntropy = tf.neg(tf.sum(tf.mul(batch.y, logProbabilities), 2, true));
  return tf.div(tf.sum(tf.mul(batch.weights, crossEntropy), [1, 2]), n) as tf.Tensor1D;
}

function logProbabilitiesOf({ output, priorOut }: CategoricalBatch): tf.Tensor3D {
  return logSoftmax(tf.add(output, priorOut) as tf.Tensor3D);
}

/** The members' weighted cross-entropy on a batch: [M]. */
export function categoricalLoss(batch: CategoricalBatch): tf.Tensor1D {
  return lossOf(batch, logProbabilitiesOf(batch));
}

/**
 * The members' losses [M] and dL/dt [M, n, K] = w·(softmax(z) − y)/n, the cross-entropy's
 * gradient with respect to the logits (β·p is a constant, so dz/dt = 1).
 */
export function categoricalLossAndGradient(batch: CategoricalBatch): { losses: tf.Tensor1D; outputGrad: tf.Tensor3D } {
  const logProbabilities = logProbabilitiesOf(batch);
  const n = logProbabilities.shape[1];
  const outputGrad = tf.mul(tf.div(batch.weights, n), tf.sub(tf.exp(logProbabilities), batch.y)) as tf.Tensor3D;
  return { losses: lossOf(batch, logProbabilities), outputGrad };
}
