import { type Dataset, memberTargets } from "../data/dataset.js";
import { minibatchOrder } from "../members/bootstrap-weights.js";
import type { EnsembleParams } from "../members/params.js";
import { paramCounts } from "../members/params.js";
import { getActivation } from "../nn/activations.js";
import { priorMlp, trainableMlp } from "../nn/ensemble-spec.js";
import { type MlpSpec, mlpLayout } from "../nn/mlp.js";
import type { EnsembleSpec } from "../spec/types.js";

/**
 * A deliberately plain float64 implementation of the method: one example at a time, scalar
 * loops, textbook backpropagation and optax's update rules written out. Backends are checked
 * against it; it shares no code with any backend.
 */

interface Trace {
  pre: number[][];
  post: number[][];
  /** Per output: |bias| + Σ|input·weight| of the last layer, the scale of its float32 rounding error. */
  outputTerms: number[];
}

function forwardOne(mlp: MlpSpec, params: ArrayLike<number>, offset: number, input: number[]): Trace {
  const activation = getActivation(mlp.activation);
  const layout = mlpLayout(mlp);
  const trace: Trace = { pre: [], post: [input], outputTerms: [] };
  let current = input;
  layout.layers.forEach((layer, l) => {
    const z: number[] = [];
    const terms: number[] = [];
    for (let o = 0; o < layer.fanOut; o++) {
      let sum = params[offset + layer.bias.offset + o]!;
      let magnitude = Math.abs(sum);
      for (let k = 0; k < layer.fanIn; k++) {
        const term = current[k]! * params[offset + layer.kernel.offset + k * layer.fanOut + o]!;
        sum += term;
        magnitude += Math.abs(term);
      }
      z.push(sum);
      terms.push(magnitude);
    }
    trace.outputTerms = terms;
    const isLast = l === layout.layers.length - 1;
    const a = isLast ? z : z.map((v) => activation.forward(v));
    trace.pre.push(z);
    trace.post.push(a);
    current = a;
  });
  return trace;
}

function row(values: ArrayLike<number>, index: number, width: number): number[] {
  return Array.from({ length: width }, (_, k) => values[index * width + k]!);
}

/** softplus(a) = log(1 + eᵃ), written so neither branch overflows. */
export function referenceSoftplus(a: number): number {
  return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
}

/** The Gaussian head's variance from its raw output: softplus(raw) + floor. */
export function referenceVariance(raw: number, floor: number): number {
  return referenceSoftplus(raw) + floor;
}

/** Per-example Gaussian NLL: ½·log(2π·v) + (y − μ)²/(2v). */
export function referenceGaussianNll(y: number, mean: number, variance: number): number {
  return 0.5 * Math.log(2 * Math.PI * variance) + (y - mean) ** 2 / (2 * variance);
}

/** softmax(z), with the largest logit subtracted first so no exp overflows. */
export function referenceSoftmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Cross-entropy −Σ_k y_k log softmax(z)_k, through log-sum-exp: log softmax(z)_k = z_k − max − log Σ e^(z−max). */
export function referenceCrossEntropy(y: readonly number[], z: readonly number[]): number {
  const max = Math.max(...z);
  const logSum = Math.log(z.reduce((a, v) => a + Math.exp(v - max), 0));
  return -y.reduce((a, yk, k) => a + yk * (z[k]! - max - logSum), 0);
}

/**
 * Every member's outputs from the float64 reference, [members, n, outputSize] each, with the term magnitudes tolerances scale by.
 */
export interface ReferencePrediction {
  /** Member means t + β·p (the prior adds to the mean only, for either head). */
  readonly members: Float64Array;
  readonly prior: Float64Array;
  readonly trainable: Float64Array;
  /** "gaussian" head: each member's variance softplus(raw) + varianceFloor; null for "mse". */
  readonly variance: Float64Array | null;
  /**
   * The sum of magnitudes of the terms each output adds up (last-layer |bias| + Σ|input·weight|,
   * and both nets' for members): float32 rounding error scales with this, not with the result.
   */
  readonly termMagnitude: {
    readonly members: Float64Array;
    readonly prior: Float64Array;
    readonly trainable: Float64Array;
    /** |raw|'s terms: softplus is 1-Lipschitz, so the variance's rounding error scales with them. */
    readonly variance: Float64Array | null;
  };
}

/**
 * Outputs of every member on x, in float64: [members, n, outputSize] each.
 * @throws {InvalidArgumentError} when the spec's layer sizes or activation are invalid.
 */
export function referencePredict(spec: EnsembleSpec, params: EnsembleParams, x: Float32Array): ReferencePrediction {
  const n = x.length / spec.inputSize;
  const counts = paramCounts(spec);
  const size = spec.members * n * spec.outputSize;
  const values = () => ({
    members: new Float64Array(size),
    prior: new Float64Array(size),
    trainable: new Float64Array(size),
  });
  const out = values();
  const terms = values();
  const gaussian = spec.head === "gaussian";
  const variance = gaussian ? new Float64Array(size) : null;
  const varianceTerms = gaussian ? new Float64Array(size) : null;
  const beta = spec.priorScale;
  const width = spec.outputSize;
  for (let m = 0; m < spec.members; m++) {
    for (let i = 0; i < n; i++) {
      const input = row(x, i, spec.inputSize);
      const t = forwardOne(trainableMlp(spec), params.trainable, m * counts.trainable, input);
      const p = forwardOne(priorMlp(spec), params.prior, m * counts.prior, input);
      for (let o = 0; o < spec.outputSize; o++) {
        const j = (m * n + i) * spec.outputSize + o;
        out.trainable[j] = t.post.at(-1)![o]!;
        out.prior[j] = beta * p.post.at(-1)![o]!;
        out.members[j] = out.trainable[j]! + out.prior[j]!;
        terms.trainable[j] = t.outputTerms[o]!;
        terms.prior[j] = beta * p.outputTerms[o]!;
        terms.members[j] = terms.trainable[j]! + terms.prior[j]!;
        if (variance && varianceTerms) {
          variance[j] = referenceVariance(t.post.at(-1)![width + o]!, spec.varianceFloor);
          varianceTerms[j] = t.outputTerms[width + o]!;
        }
      }
    }
  }
  return { ...out, variance, termMagnitude: { ...terms, variance: varianceTerms } };
}

/**
 * The weighted loss of one member (MSE, Gaussian NLL or cross-entropy, per the head) and its
 * gradient with respect to the trainable parameters, both divided by examples × outputSize —
 * by examples alone for "categorical", whose K outputs are one prediction. The Gaussian gradient
 * is β-NLL's (each example's scaled by v^varianceWeighting, a constant), or with `meanOnly` (mean
 * warm-up) that of ½·w·(μ − y)² for the mean and none for the variance; the loss is the NLL.
 */
function lossAndGradient(
  spec: EnsembleSpec,
  trainable: number[],
  prior: ArrayLike<number>,
  priorOffset: number,
  data: Dataset,
  weights: ArrayLike<number>,
  examples: number[],
  meanOnly = false,
) {
  const mlp = trainableMlp(spec);
  const layout = mlpLayout(mlp);
  const activation = getActivation(mlp.activation);
  const gradient = new Array<number>(trainable.length).fill(0);
  const scale = 1 / (examples.length * (spec.head === "categorical" ? 1 : spec.outputSize));
  let loss = 0;
  for (const i of examples) {
    const input = row(data.x, i, spec.inputSize);
    const trace = forwardOne(mlp, trainable, 0, input);
    const priorOut = forwardOne(priorMlp(spec), prior, priorOffset, input).post.at(-1)!;
    const output = trace.post.at(-1)!;
    const width = spec.outputSize;
    const w = weights[i]!;
    let delta: number[];
    if (spec.head === "gaussian") {
      delta = new Array<number>(2 * width).fill(0);
      for (let o = 0; o < width; o++) {
        const mean = output[o]! + spec.priorScale * priorOut[o]!;
        const raw = output[width + o]!;
        const v = referenceVariance(raw, spec.varianceFloor);
        const y = data.y[i * width + o]!;
        loss += w * referenceGaussianNll(y, mean, v) * scale;
        if (meanOnly) {
          delta[o] = w * (mean - y) * scale;
          continue;
        }
        // dL/dμ = (μ − y)/v; dL/dv = 1/(2v) − (y − μ)²/(2v²); dv/draw = sigmoid(raw); β-NLL's c = v^b.
        const c = v ** spec.varianceWeighting;
        delta[o] = w * c * ((mean - y) / v) * scale;
        const sigmoid = 1 / (1 + Math.exp(-raw));
        delta[width + o] = w * c * (1 / (2 * v) - (y - mean) ** 2 / (2 * v * v)) * sigmoid * scale;
      }
    } else if (spec.head === "categorical") {
      const z = output.map((t, o) => t + spec.priorScale * priorOut[o]!);
      const y = row(data.y, i, width);
      loss += w * referenceCrossEntropy(y, z) * scale;
      // dCE/dz_k = softmax(z)_k − y_k; β·p is constant, so dz/dt = 1.
      delta = referenceSoftmax(z).map((p, k) => w * (p - y[k]!) * scale);
    } else {
      delta = output.map((t, o) => {
        const residual = t + spec.priorScale * priorOut[o]! - data.y[i * width + o]!;
        loss += w * residual * residual * scale;
        return 2 * w * residual * scale;
      });
    }
    for (let l = layout.layers.length - 1; l >= 0; l--) {
      const layer = layout.layers[l]!;
      const previous = trace.post[l]!;
      const nextDelta = new Array<number>(layer.fanIn).fill(0);
      for (let o = 0; o < layer.fanOut; o++) {
        gradient[layer.bias.offset + o]! += delta[o]!;
        for (let k = 0; k < layer.fanIn; k++) {
          gradient[layer.kernel.offset + k * layer.fanOut + o]! += previous[k]! * delta[o]!;
          nextDelta[k]! += trainable[layer.kernel.offset + k * layer.fanOut + o]! * delta[o]!;
        }
      }
      if (l > 0) {
        const z = trace.pre[l - 1]!;
        delta = nextDelta.map((d, k) => d * activation.derivative(z[k]!, previous[k]!));
      }
    }
  }
  return { loss, gradient };
}

/**
 * One member's weighted loss and its gradient with respect to its trainable parameters `theta`
 * (the member's own, or perturbed ones for finite differences), on all of `data`.
 * @throws {InvalidArgumentError} when the spec's layer sizes or activation are invalid.
 */
export function referenceMemberLoss(
  spec: EnsembleSpec,
  params: EnsembleParams,
  member: number,
  theta: readonly number[],
  data: Dataset,
  weights: ArrayLike<number>,
): { loss: number; gradient: number[] } {
  const examples = Array.from({ length: data.n }, (_, i) => i);
  const memberWeights = Array.from({ length: data.n }, (_, i) => weights[member * data.n + i]!);
  return lossAndGradient(
    spec,
    [...theta],
    params.prior,
    member * paramCounts(spec).prior,
    data,
    memberWeights,
    examples,
  );
}

/** The uniform mixture of the members, in float64, each [n, outputSize] (docs/heads.md). */
export interface ReferenceMixture {
  readonly mean: Float64Array;
  readonly aleatoricStd: Float64Array;
  readonly epistemicStd: Float64Array;
  readonly std: Float64Array;
}

/**
 * mean = average member mean; epistemic variance = population variance of the member means;
 * aleatoric variance = average member variance (0 without variances); total = their sum.
 */
export function referenceMixture(prediction: ReferencePrediction, memberCount: number): ReferenceMixture {
  const size = prediction.members.length / memberCount;
  const mixture = {
    mean: new Float64Array(size),
    aleatoricStd: new Float64Array(size),
    epistemicStd: new Float64Array(size),
    std: new Float64Array(size),
  };
  for (let j = 0; j < size; j++) {
    const means = Array.from({ length: memberCount }, (_, m) => prediction.members[m * size + j]!);
    const mean = means.reduce((a, b) => a + b, 0) / memberCount;
    const epistemic = means.reduce((a, b) => a + (b - mean) ** 2, 0) / memberCount;
    let aleatoric = 0;
    if (prediction.variance) for (let m = 0; m < memberCount; m++) aleatoric += prediction.variance[m * size + j]!;
    aleatoric /= memberCount;
    mixture.mean[j] = mean;
    mixture.aleatoricStd[j] = Math.sqrt(aleatoric);
    mixture.epistemicStd[j] = Math.sqrt(epistemic);
    mixture.std[j] = Math.sqrt(aleatoric + epistemic);
  }
  return mixture;
}

/** The "categorical" head's mixture in float64 (docs/heads.md): [n, K] probabilities and [n] entropies in nats. */
export interface ReferenceClasses {
  readonly probabilities: Float64Array;
  readonly entropy: Float64Array;
  readonly aleatoricEntropy: Float64Array;
  readonly mutualInformation: Float64Array;
}

/**
 * The average of the members' softmax probabilities, its entropy H[p̄], the members' mean
 * entropy and their difference (the mutual information), from [members, n, K] logits.
 */
export function referenceClasses(logits: ArrayLike<number>, memberCount: number, classCount: number): ReferenceClasses {
  const n = logits.length / memberCount / classCount;
  const entropyOf = (p: readonly number[]) => -p.reduce((a, v) => a + (v > 0 ? v * Math.log(v) : 0), 0);
  const out = {
    probabilities: new Float64Array(n * classCount),
    entropy: new Float64Array(n),
    aleatoricEntropy: new Float64Array(n),
    mutualInformation: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const members = Array.from({ length: memberCount }, (_, m) => referenceSoftmax(row(logits, m * n + i, classCount)));
    const mean = Array.from({ length: classCount }, (_, k) => members.reduce((a, p) => a + p[k]!, 0) / memberCount);
    out.probabilities.set(mean, i * classCount);
    out.entropy[i] = entropyOf(mean);
    out.aleatoricEntropy[i] = members.reduce((a, p) => a + entropyOf(p), 0) / memberCount;
    out.mutualInformation[i] = out.entropy[i]! - out.aleatoricEntropy[i]!;
  }
  return out;
}

/** What referenceTrain returns: the trained parameters and the loss of every epoch. */
export interface ReferenceTrainResult {
  /** Trainable parameters after training, [members, paramCount]. */
  readonly trainable: Float64Array;
  /**
   * [epochs, members]: each epoch's loss, its steps' losses (each before its update) averaged with
   * the steps' example counts as weights, as EnsembleHandle defines it.
   */
  readonly losses: Float64Array;
}

/** optax.clip_by_global_norm on one member's gradient. */
function clipped(gradient: readonly number[], max: number | null): readonly number[] {
  if (max === null) return gradient;
  const norm = Math.sqrt(gradient.reduce((sum, g) => sum + g * g, 0));
  return norm < max ? gradient : gradient.map((g) => (g / norm) * max);
}

/**
 * Trains every member for `epochs` epochs exactly as the spec says (full batch or minibatches).
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation or seed are invalid.
 */
export function referenceTrain(
  spec: EnsembleSpec,
  params: EnsembleParams,
  data: Dataset,
  exampleWeights: Float32Array,
  epochs: number,
): ReferenceTrainResult {
  const counts = paramCounts(spec);
  const trainable = new Float64Array(spec.members * counts.trainable);
  const losses = new Float64Array(epochs * spec.members);
  const batch = Math.min(spec.batchSize ?? data.n, data.n);
  for (let m = 0; m < spec.members; m++) {
    const theta = Array.from(params.trainable.subarray(m * counts.trainable, (m + 1) * counts.trainable));
    const weights = exampleWeights.subarray(m * data.n, (m + 1) * data.n);
    const memberData = { ...data, y: memberTargets(data, m) };
    const first = new Array<number>(theta.length).fill(0);
    const second = new Array<number>(theta.length).fill(0);
    let step = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order =
        batch >= data.n
          ? Array.from({ length: data.n }, (_, i) => i)
          : Array.from(minibatchOrder(spec.seed, m, epoch, data.n));
      // Σ count·loss over the epoch's steps: the contract's example-weighted epoch loss, once divided by n.
      let epochLoss = 0;
      for (let from = 0; from < data.n; from += batch) {
        const { loss, gradient: raw } = lossAndGradient(
          spec,
          theta,
          params.prior,
          m * counts.prior,
          memberData,
          weights,
          order.slice(from, from + batch),
          epoch < spec.meanWarmup,
        );
        const gradient = clipped(raw, spec.optimizer.clipNorm);
        step += 1;
        epochLoss += loss * Math.min(batch, data.n - from);
        const opt = spec.optimizer;
        // optax: chain(clip_by_global_norm, scale_by_adam | trace, add_decayed_weights(λ), scale(−lr)).
        const lambda = spec.weightDecay;
        for (let j = 0; j < theta.length; j++) {
          let direction: number;
          if (opt.kind === "adam") {
            first[j] = opt.b1 * first[j]! + (1 - opt.b1) * gradient[j]!;
            second[j] = opt.b2 * second[j]! + (1 - opt.b2) * gradient[j]! ** 2;
            const firstHat = first[j]! / (1 - opt.b1 ** step);
            const secondHat = second[j]! / (1 - opt.b2 ** step);
            direction = firstHat / (Math.sqrt(secondHat) + opt.eps);
          } else {
            first[j] = gradient[j]! + opt.momentum * first[j]!;
            direction = first[j]!;
          }
          theta[j]! -= opt.learningRate * (direction + lambda * theta[j]!);
        }
      }
      losses[epoch * spec.members + m] = epochLoss / data.n;
    }
    trainable.set(theta, m * counts.trainable);
  }
  return { trainable, losses };
}
