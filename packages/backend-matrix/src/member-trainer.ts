import type { EnsembleSpec } from "@rpf/core";
import { GrowingArray, headWidth, type TrainingState, trainableMlp } from "@rpf/core/backend";
import { type CategoricalRow, crossEntropyRow } from "./categorical-head.js";
import { DenseNetwork } from "./dense-network.js";
import { TWO_PI, type VarianceOfRaw, varianceOfRaw, varianceWeight } from "./gaussian-head.js";
import { applyUpdate, createOptimizerState, type OptimizerState } from "./optimizer.js";
import { allocate, copyOf, type Numbers, type Precision } from "./precision.js";

/** The training data of one fit call, shared by all members. */
export interface TrainingSet {
  readonly x: Numbers;
  readonly y: Numbers;
  readonly n: number;
}

/**
 * One member: its trainable parameters and optimiser state, and preallocated buffers for the
 * steps. The prior's outputs on the training set are computed once per fit and then only read.
 */
export class MemberTrainer {
  readonly trainable: DenseNetwork;
  readonly params: Numbers;
  readonly prior: Numbers;
  private readonly grads: Numbers;
  private readonly optimizer: OptimizerState;
  private readonly outputGrad: Numbers;
  private readonly batchX: Numbers;
  private readonly batchY: Numbers;
  private readonly batchPrior: Numbers;
  private readonly batchWeights: Numbers;
  /** β·p(x) on the prepared training set, [n, outputSize], growing as rows are appended. */
  private priorRows: GrowingArray<Numbers>;
  /** priorRows' values, read in the steps' loops. */
  private priorOnTrainingSet: Numbers = new Float64Array(0);
  private readonly head: VarianceOfRaw = { variance: 0, slope: 0 };
  private readonly classRow: CategoricalRow = { t: 0, j: 0, grad: -1, w: 0 };
  /** The categorical head's e^(z − max) of one row (K values). */
  private readonly classScratch: Float64Array;
  /** Mean warm-up (spec.meanWarmup): the Gaussian head's steps fit the mean alone by squared error. */
  meanOnly = false;

  constructor(
    private readonly spec: EnsembleSpec,
    trainableParams: Float32Array,
    priorParams: Float32Array,
    readonly maxBatch: number,
    private readonly precision: Precision,
  ) {
    this.trainable = new DenseNetwork(trainableMlp(spec), maxBatch, precision);
    this.params = copyOf(precision, trainableParams);
    this.prior = copyOf(precision, priorParams);
    this.grads = allocate(precision, this.params.length);
    this.optimizer = createOptimizerState(this.params.length, precision);
    const out = spec.outputSize;
    this.outputGrad = allocate(precision, maxBatch * headWidth(spec));
    this.batchX = allocate(precision, maxBatch * spec.inputSize);
    this.batchY = allocate(precision, maxBatch * out);
    this.batchPrior = allocate(precision, maxBatch * out);
    this.batchWeights = allocate(precision, maxBatch);
    this.classScratch = new Float64Array(spec.head === "categorical" ? out : 0);
    this.priorRows = this.emptyPriorRows();
  }

  private emptyPriorRows(): GrowingArray<Numbers> {
    return new GrowingArray<Numbers>((length) => allocate(this.precision, length));
  }

  /** Optimiser steps this member has taken. */
  get stepCount(): number {
    return this.optimizer.step;
  }

  /** Writes this member's weights and optimiser slots into ensemble-wide state arrays at `offset`. */
  writeState(trainable: Float64Array, slots: readonly Float64Array[], offset: number): void {
    trainable.set(this.params, offset);
    const mine = [this.optimizer.first, this.optimizer.second];
    slots.forEach((slot, i) => {
      slot.set(mine[i]!, offset);
    });
  }

  /** Continues from ensemble-wide state arrays, reading this member's values at `offset`. */
  readState(state: TrainingState, offset: number): void {
    const size = this.params.length;
    this.params.set(state.trainable.subarray(offset, offset + size));
    const mine = [this.optimizer.first, this.optimizer.second];
    state.slots.forEach((slot, i) => {
      mine[i]!.set(slot.subarray(offset, offset + size));
    });
    this.optimizer.step = state.step;
  }

  /** Nothing to free: everything lives in the JavaScript heap. */
  dispose(): void {}

  /** β·p(x) on the whole training set, computed once per fit (the mean outputs only: see docs/heads.md). */
  preparePrior(data: TrainingSet, priorNetwork: DenseNetwork): void {
    this.extendPrior(data, priorNetwork, 0);
  }

  /**
   * preparePrior that keeps β·p(x) of the first `from` rows, the last prepared set's. Appending
   * (from = the rows prepared last) computes and copies only the new rows' outputs.
   */
  extendPrior(data: TrainingSet, priorNetwork: DenseNetwork, from: number): void {
    const out = this.spec.outputSize;
    if (from * out !== this.priorRows.length) {
      const kept = this.priorRows.values.subarray(0, from * out);
      this.priorRows = this.emptyPriorRows();
      this.priorRows.append(kept);
    }
    const added = this.priorRows.extend((data.n - from) * out);
    scaledPriorMeans(this.spec, priorNetwork, this.prior, rowsFrom(this.spec, data, from), added);
    this.priorOnTrainingSet = this.priorRows.values;
  }

  /**
   * One optimiser step on the examples `order[from..from+count)` (all of them when `order` is
   * null), weighted by `weights`; returns the weighted loss before the update.
   */
  step(data: TrainingSet, weights: Float32Array, order: Uint32Array | null, from: number, count: number): number {
    const x = order ? this.gather(data, weights, order, from, count) : data.x;
    const y = order ? this.batchY : data.y;
    const priorOut = order ? this.batchPrior : this.priorOnTrainingSet;
    const w = order ? this.batchWeights : weights;
    const loss = this.lossAndOutputGrad(x, y, priorOut, w, count);
    this.grads.fill(0);
    this.trainable.backward(this.params, this.grads, x, count, this.outputGrad);
    applyUpdate(this.spec.optimizer, this.params, this.grads, this.optimizer, this.spec.weightDecay);
    return loss;
  }

  /** The weighted loss of the current parameters on the whole training set. */
  loss(data: TrainingSet, weights: Float32Array): number {
    const out = this.spec.outputSize;
    const gaussian = this.spec.head === "gaussian";
    const categorical = this.spec.head === "categorical";
    let total = 0;
    for (let start = 0; start < data.n; start += this.maxBatch) {
      const rows = Math.min(this.maxBatch, data.n - start);
      const x = data.x.subarray(start * this.spec.inputSize, (start + rows) * this.spec.inputSize);
      const t = this.trainable.forward(this.params, x, rows);
      if (categorical) {
        const row = this.classRow;
        row.grad = -1;
        for (let i = 0; i < rows; i++) {
          row.t = i * out;
          row.j = (start + i) * out;
          row.w = weights[start + i]!;
          total += crossEntropyRow(t, this.priorOnTrainingSet, data.y, out, row, this.classScratch, this.outputGrad, 0);
        }
        continue;
      }
      if (gaussian) {
        for (let i = 0; i < rows; i++) {
          const w = weights[start + i]!;
          for (let o = 0; o < out; o++) {
            const index = (start + i) * out + o;
            const r = t[i * 2 * out + o]! + this.priorOnTrainingSet[index]! - data.y[index]!;
            const v = varianceOfRaw(t[i * 2 * out + out + o]!, this.spec.varianceFloor, this.head).variance;
            total += w * (Math.log(TWO_PI * v) + (r * r) / v);
          }
        }
        continue;
      }
      for (let i = 0; i < rows * out; i++) {
        const index = start * out + i;
        const r = t[i]! + this.priorOnTrainingSet[index]! - data.y[index]!;
        total += weights[Math.floor(index / out)]! * r * r;
      }
    }
    if (categorical) return total / data.n;
    return gaussian ? total * (0.5 / (data.n * out)) : total / (data.n * out);
  }

  private gather(data: TrainingSet, weights: Float32Array, order: Uint32Array, from: number, count: number): Numbers {
    const inSize = this.spec.inputSize;
    const out = this.spec.outputSize;
    for (let b = 0; b < count; b++) {
      const i = order[from + b]!;
      for (let k = 0; k < inSize; k++) this.batchX[b * inSize + k] = data.x[i * inSize + k]!;
      for (let o = 0; o < out; o++) {
        this.batchY[b * out + o] = data.y[i * out + o]!;
        this.batchPrior[b * out + o] = this.priorOnTrainingSet[i * out + o]!;
      }
      this.batchWeights[b] = weights[i]!;
    }
    return this.batchX;
  }

  /** Forward pass, the weighted loss of the head over the batch, and dL/d(output) into `outputGrad`. */
  private lossAndOutputGrad(
    x: Numbers,
    y: Numbers,
    priorOut: Numbers,
    weights: Float32Array | Numbers,
    n: number,
  ): number {
    const out = this.spec.outputSize;
    const t = this.trainable.forward(this.params, x, n);
    if (this.spec.head === "categorical") return this.categoricalLossAndOutputGrad(t, y, priorOut, weights, n);
    const scale = 1 / (n * out);
    if (this.spec.head === "gaussian") return this.gaussianLossAndOutputGrad(t, y, priorOut, weights, n, scale);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      for (let o = 0; o < out; o++) {
        const j = i * out + o;
        const r = t[j]! + priorOut[j]! - y[j]!;
        loss += w * r * r;
        this.outputGrad[j] = 2 * w * r * scale;
      }
    }
    return loss * scale;
  }

  /**
   * The weighted cross-entropy Σ w·CE / n of the K logits t + β·p against one-hot y, and
   * dL/dt = w·(softmax − y)/n (docs/heads.md); assembly/trainer.ts does the same operations in
   * the same order.
   */
  private categoricalLossAndOutputGrad(
    t: Numbers,
    y: Numbers,
    priorOut: Numbers,
    weights: Float32Array | Numbers,
    n: number,
  ): number {
    const classes = this.spec.outputSize;
    const scale = 1 / n;
    const row = this.classRow;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      row.t = i * classes;
      row.j = i * classes;
      row.grad = i * classes;
      row.w = weights[i]!;
      loss += crossEntropyRow(t, priorOut, y, classes, row, this.classScratch, this.outputGrad, scale);
    }
    return loss * scale;
  }

  /**
   * The weighted Gaussian NLL Σ w·(½·log(2πv) + r²/(2v)) · scale with r = μ − y, and its gradient:
   * dL/dμ = w·c·r/v, dL/draw = w·c·½(1 − r²/v)/v · sigmoid(raw) with c = v^varianceWeighting
   * (β-NLL; 1 for the plain NLL), or in mean warm-up dL/dμ = w·r and nothing for the variance
   * (docs/heads.md). The loss stays the NLL. The ½ is applied once at the end;
   * assembly/trainer.ts does the same operations in the same order.
   */
  private gaussianLossAndOutputGrad(
    t: Numbers,
    y: Numbers,
    priorOut: Numbers,
    weights: Float32Array | Numbers,
    n: number,
    scale: number,
  ): number {
    const out = this.spec.outputSize;
    const halfScale = 0.5 * scale;
    const floor = this.spec.varianceFloor;
    const exponent = this.spec.varianceWeighting;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      for (let o = 0; o < out; o++) {
        const j = i * out + o;
        const mean = i * 2 * out + o;
        const head = varianceOfRaw(t[mean + out]!, floor, this.head);
        const v = head.variance;
        const r = t[mean]! + priorOut[j]! - y[j]!;
        const q = (r * r) / v;
        loss += w * (Math.log(TWO_PI * v) + q);
        if (this.meanOnly) {
          this.outputGrad[mean] = w * r * scale;
          this.outputGrad[mean + out] = 0;
          continue;
        }
        const wv = w * varianceWeight(v, exponent);
        this.outputGrad[mean] = ((wv * r) / v) * scale;
        this.outputGrad[mean + out] = ((wv * (1 - q)) / v) * head.slope * halfScale;
      }
    }
    return loss * halfScale;
  }
}

/**
 * β·p(x) on the training set into `into` [n, outputSize]: the prior's mean outputs only (its
 * Gaussian raw-variance outputs take no part, docs/heads.md). Shared by both member trainers.
 */
export function scaledPriorMeans(
  spec: EnsembleSpec,
  priorNetwork: DenseNetwork,
  prior: Numbers,
  data: TrainingSet,
  into: Numbers,
): void {
  const out = spec.outputSize;
  const width = headWidth(spec);
  const chunk = priorNetwork.maxBatch;
  for (let start = 0; start < data.n; start += chunk) {
    const rows = Math.min(chunk, data.n - start);
    const x = data.x.subarray(start * spec.inputSize, (start + rows) * spec.inputSize);
    const p = priorNetwork.forward(prior, x, rows);
    for (let i = 0; i < rows; i++) {
      for (let o = 0; o < out; o++) into[(start + i) * out + o] = spec.priorScale * p[i * width + o]!;
    }
  }
}

/** Rows [from, n) of a training set, as views. */
export function rowsFrom(spec: EnsembleSpec, data: TrainingSet, from: number): TrainingSet {
  return {
    x: data.x.subarray(from * spec.inputSize),
    y: data.y.subarray(from * spec.outputSize),
    n: data.n - from,
  };
}
