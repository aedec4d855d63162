import { type EnsembleSpec, InvalidArgumentError, UnsupportedError } from "@rpf/core";
import { headWidth, mlpLayout, trainableMlp } from "@rpf/core/backend";
import type { DenseNetwork } from "../dense-network.js";
import { rowsFrom, scaledPriorMeans, type TrainingSet } from "../member-trainer.js";
import { ACTIVATION_CODES, HEAD_CODES, type KernelExports, LAYER_TABLE_ROW_BYTES } from "./kernel-abi.js";
import { KernelLease, wasmKernelUnavailableReason } from "./kernel-loader.js";
import { align16, growMemoryTo, layoutFrom } from "./memory-layout.js";

/** One member's weights and optimiser state, as copies. `second` is all zeros for SGD. */
export interface MemberState {
  readonly params: Float64Array;
  readonly first: Float64Array;
  readonly second: Float64Array;
  /** Optimiser steps taken (Adam's bias correction depends on it). */
  readonly step: number;
}

/** Ensemble-wide state arrays, shaped like @rpf/core's TrainingState. */
export interface EnsembleStateArrays {
  readonly step: number;
  readonly trainable: Float64Array;
  readonly slots: readonly Float64Array[];
}

/** How a minibatch epoch visits the rows: consecutive slices of `order(epoch)`, `batch` rows each. */
export interface MinibatchPlan {
  readonly batch: number;
  /** The permutation of 0…n−1 for the given epoch, counted from 0 within this call. */
  order(epoch: number): Uint32Array;
}

/** Optimiser steps one kernel call may take; bias corrections are precomputed for each. */
/** β-NLL exponents whose weight v^b the kernel computes exactly (1, √v, v), as varianceWeight does. */
const KERNEL_VARIANCE_WEIGHTINGS: readonly number[] = [0, 0.5, 1];
const STEPS_PER_CALL = 1024;
/** Bytes of minibatch orders one kernel call may read, so long runs on big sets stay small in memory. */
const ORDER_BYTES_PER_CALL = 4 << 20;
/**
 * The per-row buffers of one block of rows aim at this many bytes: the kernel runs a step's
 * forward and backward passes block by block (assembly/trainer.ts), and a block this size stays in
 * a core's L2 cache between its forward and backward pass, where a whole large batch would stream
 * through main memory twice. Measured (4 members × width 32, 1,000 to 100,000 rows, one thread):
 * 32 to 256 KiB all run within 5% of each other, 512 KiB about 8% slower.
 */
const BLOCK_BYTES = 128 << 10;
/** Block rows are a multiple of this (the kernel's matrix products take rows two at a time). */
const BLOCK_ROW_MULTIPLE = 8;

/**
 * Rows per block for a network of these layers: BLOCK_BYTES over the bytes the kernel keeps per
 * row (pre-activations, activations and their gradients per hidden layer, the output and its
 * gradient (as wide as the last layer), and a gathered row's x, y, β·p and weight), rounded down to
 * BLOCK_ROW_MULTIPLE, and no more than the largest batch.
 */
export function blockRowsFor(
  layers: readonly { readonly fanOut: number }[],
  inputSize: number,
  outputSize: number,
  maxBatch: number,
): number {
  const last = layers.length - 1;
  let values = inputSize + 2 * outputSize + 1 + layers[last]!.fanOut;
  layers.forEach((layer, l) => {
    values += (l < last ? 3 : 1) * layer.fanOut;
  });
  const rows = Math.floor(BLOCK_BYTES / (8 * values) / BLOCK_ROW_MULTIPLE) * BLOCK_ROW_MULTIPLE;
  return Math.min(maxBatch, Math.max(BLOCK_ROW_MULTIPLE, rows));
}

/**
 * A member trainer whose steps run in a WebAssembly SIMD kernel (assembly/), with the surface of
 * MemberTrainer: preparePrior, step, loss, plus trainEpochs to run many epochs per call. Every
 * float64 operation happens in the TypeScript trainer's order and ELU/tanh use fdlibm's expm1 and
 * tanh, so it trains bit-identically to MemberTrainer (float64) wherever the engine's Math.expm1 and
 * Math.tanh are fdlibm's (V8 in Node 20); relu and identity networks do so on any engine. Supported
 * trainable activations: elu, relu, tanh, identity (GELU stays on TypeScript). Weights, moments,
 * activations and the training set live in the trainer's own instance memory; the prior's outputs
 * are computed once per fit in TypeScript, as MemberTrainer does. The kernel never yields: callers
 * that must stay responsive pass trainEpochs a slice of epochs at a time.
 */
export class WasmMemberTrainer {
  readonly prior: Float64Array;
  readonly paramCount: number;
  /** Lent by the kernel pool until dispose. */
  private readonly lease: KernelLease;
  private readonly inputSize: number;
  private readonly outputSize: number;
  private readonly paramsAt: number;
  private readonly firstAt: number;
  private readonly secondAt: number;
  /** The end of the fixed layout; each fit's data and scratch space are laid out after it. */
  private readonly fixedEnd: number;
  private data: TrainingSet | null = null;
  /** Rows the data's regions (x, y, β·p(x), weights) have room for. */
  private capacity = 0;
  private xAt = 0;
  private yAt = 0;
  private priorAt = 0;
  private dataWeightsAt = 0;
  private scratchAt = 0;
  private scratchBytes = 0;
  private steps = 0;
  private warmingUp = false;
  private viewBuffer: ArrayBuffer | null = null;
  private f64 = new Float64Array(0);
  private u32 = new Uint32Array(0);

  /** Why this spec cannot train on the wasm kernel here, or null when it can. */
  static unsupportedReason(spec: EnsembleSpec): string | null {
    const activation = spec.trainable.activation;
    if (ACTIVATION_CODES[activation] === undefined)
      return `the trainable activation "${activation}" has no wasm kernel`;
    if (!KERNEL_VARIANCE_WEIGHTINGS.includes(spec.varianceWeighting))
      return `the β-NLL exponent ${spec.varianceWeighting} has no wasm kernel (it carries ${KERNEL_VARIANCE_WEIGHTINGS.join(", ")})`;
    return wasmKernelUnavailableReason();
  }

  constructor(
    private readonly spec: EnsembleSpec,
    trainableParams: ArrayLike<number>,
    priorParams: ArrayLike<number>,
    readonly maxBatch: number,
  ) {
    const reason = WasmMemberTrainer.unsupportedReason(spec);
    if (reason) throw new UnsupportedError(`cannot train this member on the wasm kernel: ${reason}`, { field: "wasm" });
    const layout = mlpLayout(trainableMlp(spec));
    if (trainableParams.length !== layout.paramCount) {
      throw new InvalidArgumentError(
        `trainable parameters must hold ${layout.paramCount} values, got ${trainableParams.length}`,
        { field: "trainableParams" },
      );
    }
    if (!Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new InvalidArgumentError(`maxBatch must be a whole number >= 1, got ${maxBatch}`, { field: "maxBatch" });
    }
    this.lease = new KernelLease("member trainer");
    this.paramCount = layout.paramCount;
    this.inputSize = spec.inputSize;
    this.outputSize = spec.outputSize;
    this.prior = Float64Array.from(priorParams);

    // Buffers are padded to a multiple of 16 bytes: the kernel's activation loops work on whole
    // f64x2 pairs and touch the padding value after an odd-length buffer. Per-row buffers hold one
    // block of rows, however large the batch (see blockRowsFor).
    const blockRows = blockRowsFor(layout.layers, this.inputSize, this.outputSize, maxBatch);
    const memoryLayout = layoutFrom(this.kernel.heapBase());
    const reserve = (bytes: number) => memoryLayout.reserve(bytes);
    const values = (count: number) => reserve(count * 8);
    const table = reserve(layout.layers.length * LAYER_TABLE_ROW_BYTES);
    this.paramsAt = values(this.paramCount);
    const gradsAt = values(this.paramCount);
    this.firstAt = values(this.paramCount);
    this.secondAt = values(this.paramCount);
    const last = layout.layers.length - 1;
    const layerBuffers = layout.layers.map((layer, l) => ({
      pre: values(blockRows * layer.fanOut),
      post: l < last ? values(blockRows * layer.fanOut) : 0,
      gradA: l < last ? values(blockRows * layer.fanOut) : 0,
      kernelT: l > 0 ? values(layer.fanIn * layer.fanOut) : 0,
    }));
    const outputGradAt = values(blockRows * headWidth(spec));
    const batchXAt = values(blockRows * this.inputSize);
    const batchYAt = values(blockRows * this.outputSize);
    const batchPriorAt = values(blockRows * this.outputSize);
    const batchWeightsAt = values(blockRows);
    this.fixedEnd = memoryLayout.end;
    this.growTo(memoryLayout.end);

    const activation = ACTIVATION_CODES[spec.trainable.activation]!;
    this.kernel.configureNetwork(
      table,
      layout.layers.length,
      activation,
      this.inputSize,
      this.outputSize,
      this.paramCount,
      blockRows,
    );
    layout.layers.forEach((layer, l) => {
      const buffers = layerBuffers[l]!;
      this.kernel.configureLayer(
        l,
        layer.fanIn,
        layer.fanOut,
        layer.kernel.offset,
        layer.bias.offset,
        buffers.pre,
        buffers.post,
        buffers.gradA,
        buffers.kernelT,
      );
    });
    this.kernel.configureBuffers(
      this.paramsAt,
      gradsAt,
      this.firstAt,
      this.secondAt,
      outputGradAt,
      batchXAt,
      batchYAt,
      batchPriorAt,
      batchWeightsAt,
    );
    const optimizer = spec.optimizer;
    if (optimizer.kind === "adam") {
      this.kernel.configureAdam(optimizer.learningRate, optimizer.b1, optimizer.b2, optimizer.eps);
    } else {
      this.kernel.configureSgd(optimizer.learningRate, optimizer.momentum);
    }
    this.kernel.configureClip(optimizer.clipNorm ?? 0);
    this.kernel.configureWeightDecay(spec.weightDecay);
    this.kernel.configureHead(HEAD_CODES[spec.head], spec.varianceFloor, spec.varianceWeighting);
    // A reused kernel instance may still hold its last trainer's warm-up.
    this.kernel.configureMeanOnly(0);
    this.values().set(Float64Array.from(trainableParams), this.paramsAt / 8);
    this.kernel.refreshTransposes();
  }

  /** Gives the kernel instance back for reuse; the trainer cannot be used afterwards. */
  dispose(): void {
    this.lease.release();
  }

  private get kernel(): KernelExports {
    return this.lease.kernel;
  }

  /** Optimiser steps this member has taken. */
  get stepCount(): number {
    return this.steps;
  }

  /** Mean warm-up (MemberStepper.meanOnly), held by the kernel instance for the steps that follow. */
  get meanOnly(): boolean {
    return this.warmingUp;
  }

  set meanOnly(on: boolean) {
    if (on === this.warmingUp) return;
    this.warmingUp = on;
    this.kernel.configureMeanOnly(on ? 1 : 0);
  }

  /** A copy of the current trainable parameters. */
  get params(): Float64Array {
    return this.slice(this.paramsAt, this.paramCount);
  }

  getState(): MemberState {
    return {
      params: this.params,
      first: this.slice(this.firstAt, this.paramCount),
      second: this.slice(this.secondAt, this.paramCount),
      step: this.steps,
    };
  }

  /** Continues from `state`; the arrays must hold paramCount values each. */
  setState(state: MemberState): void {
    for (const part of ["params", "first", "second"] as const) {
      if (state[part].length !== this.paramCount) {
        throw new InvalidArgumentError(
          `member state ${part} must hold ${this.paramCount} values, got ${state[part].length}`,
          { field: part },
        );
      }
    }
    const f64 = this.values();
    f64.set(state.params, this.paramsAt / 8);
    f64.set(state.first, this.firstAt / 8);
    f64.set(state.second, this.secondAt / 8);
    this.steps = state.step;
    this.kernel.refreshTransposes();
  }

  /** Writes this member's weights and optimiser slots into ensemble-wide state arrays at `offset`. */
  writeState(trainable: Float64Array, slots: readonly Float64Array[], offset: number): void {
    const state = this.getState();
    trainable.set(state.params, offset);
    slots.forEach((slot, i) => {
      slot.set(i === 0 ? state.first : state.second, offset);
    });
  }

  /** Continues from ensemble-wide state arrays, reading this member's values at `offset`. */
  readState(state: EnsembleStateArrays, offset: number): void {
    const part = (values: Float64Array | undefined) =>
      values ? values.subarray(offset, offset + this.paramCount) : new Float64Array(this.paramCount);
    this.setState({
      params: part(state.trainable),
      first: part(state.slots[0]),
      second: part(state.slots[1]),
      step: state.step,
    });
  }

  /**
   * Copies the training set into the kernel's memory and computes β·p(x) on it, once per fit,
   * with the TypeScript prior network exactly as MemberTrainer.preparePrior does.
   */
  preparePrior(data: TrainingSet, priorNetwork: DenseNetwork): void {
    this.extendPrior(data, priorNetwork, 0);
  }

  /**
   * preparePrior that keeps β·p(x) of the first `from` rows, the last prepared set's. The data's
   * regions have room for more rows than they hold, at least doubling when they run out, so an
   * append (from = the rows prepared last) writes only the new rows' x, y and β·p(x); the rest
   * stay where they are.
   */
  extendPrior(data: TrainingSet, priorNetwork: DenseNetwork, from: number): void {
    const { inputSize, outputSize } = this;
    const n = data.n;
    const appending = from > 0 && this.data !== null && from <= this.data.n;
    // The first row whose β·p(x) is computed here, and the first whose x and y are written.
    const start = appending ? from : 0;
    let written = start;
    if (!appending || n > this.capacity) {
      const kept = appending ? this.values().slice(this.priorAt / 8, this.priorAt / 8 + from * outputSize) : null;
      this.capacity = appending ? Math.max(n, 2 * this.capacity) : n;
      this.xAt = this.fixedEnd;
      this.yAt = align16(this.xAt + this.capacity * inputSize * 8);
      this.priorAt = align16(this.yAt + this.capacity * outputSize * 8);
      this.dataWeightsAt = align16(this.priorAt + this.capacity * outputSize * 8);
      this.scratchAt = align16(this.dataWeightsAt + this.capacity * 8);
      this.scratchBytes = 0;
      this.growTo(this.scratchAt);
      if (kept) this.values().set(kept, this.priorAt / 8);
      written = 0;
    }
    const f64 = this.values();
    f64.set(data.x.subarray(written * inputSize, n * inputSize), this.xAt / 8 + written * inputSize);
    f64.set(data.y.subarray(written * outputSize, n * outputSize), this.yAt / 8 + written * outputSize);
    scaledPriorMeans(
      this.spec,
      priorNetwork,
      this.prior,
      rowsFrom(this.spec, data, start),
      f64.subarray(this.priorAt / 8 + start * outputSize, this.priorAt / 8 + n * outputSize),
    );
    this.kernel.configureData(this.xAt, this.yAt, this.priorAt, this.dataWeightsAt, n);
    this.data = data;
  }

  /**
   * One optimiser step on the examples `order[from..from+count)` (all of them when `order` is
   * null), weighted by `weights`; returns the weighted loss before the update.
   */
  step(data: TrainingSet, weights: Float32Array, order: Uint32Array | null, from: number, count: number): number {
    this.useData(data, weights);
    const [firstCorrection, secondCorrection] = this.corrections(this.steps + 1);
    let loss: number;
    if (order) {
      this.assertBatchFits(count);
      const orders = this.scratch(1, count).orders;
      this.words().set(order.subarray(from, from + count), orders / 4);
      loss = this.kernel.stepRows(orders, count, firstCorrection, secondCorrection);
    } else {
      this.assertBatchFits(data.n);
      loss = this.kernel.stepFull(firstCorrection, secondCorrection);
    }
    this.steps += 1;
    return loss;
  }

  /** The weighted loss of the current parameters on the whole training set. */
  loss(data: TrainingSet, weights: Float32Array): number {
    this.useData(data, weights);
    return this.kernel.datasetLoss();
  }

  /**
   * Runs `epochs` epochs, full-batch unless `minibatch` is given with a batch smaller than the
   * set (as matrix-handle.ts decides), writing each epoch's loss into `losses` (for minibatches,
   * the example-weighted mean of its step losses, as minibatch-epoch.ts defines it). Stops after the first epoch whose loss is not finite and returns the
   * number of epochs run; the update of that epoch has been applied, as in the TypeScript path.
   */
  trainEpochs(
    data: TrainingSet,
    weights: Float32Array,
    epochs: number,
    losses: Float64Array,
    minibatch?: MinibatchPlan,
  ): number {
    this.useData(data, weights);
    if (losses.length < epochs) {
      throw new InvalidArgumentError(`losses must hold ${epochs} values, got ${losses.length}`, { field: "losses" });
    }
    const n = data.n;
    const batch = minibatch && minibatch.batch < n ? minibatch.batch : null;
    this.assertBatchFits(batch ?? n);
    const stepsPerEpoch = batch === null ? 1 : Math.ceil(n / batch);
    const epochsPerCall =
      batch === null
        ? STEPS_PER_CALL
        : Math.max(1, Math.min(Math.floor(STEPS_PER_CALL / stepsPerEpoch), Math.floor(ORDER_BYTES_PER_CALL / (4 * n))));
    let done = 0;
    while (done < epochs) {
      const count = Math.min(epochsPerCall, epochs - done);
      const scratch = this.scratch(count * stepsPerEpoch, batch === null ? 0 : count * n, count);
      this.writeCorrections(scratch.corrections, count * stepsPerEpoch);
      let ran: number;
      if (batch === null) {
        ran = this.kernel.trainFullBatch(count, scratch.corrections, scratch.losses);
      } else {
        const words = this.words();
        for (let e = 0; e < count; e++)
          words.set(minibatch!.order(done + e).subarray(0, n), scratch.orders / 4 + e * n);
        ran = this.kernel.trainMinibatch(count, batch, scratch.orders, scratch.corrections, scratch.losses);
      }
      losses.set(this.values().subarray(scratch.losses / 8, scratch.losses / 8 + ran), done);
      this.steps += ran * stepsPerEpoch;
      done += ran;
      if (ran < count) break;
    }
    return done;
  }

  /** Adam's bias corrections (1 − b1^t, 1 − b2^t) for step t, computed as optimizer.ts does; SGD ignores them. */
  private corrections(t: number): [number, number] {
    const optimizer = this.spec.optimizer;
    return optimizer.kind === "adam" ? [1 - optimizer.b1 ** t, 1 - optimizer.b2 ** t] : [1, 1];
  }

  /** The corrections of the next `count` steps, as pairs from byte address `at`. */
  private writeCorrections(at: number, count: number): void {
    const f64 = this.values();
    for (let s = 0; s < count; s++) {
      const [first, second] = this.corrections(this.steps + s + 1);
      f64[at / 8 + 2 * s] = first;
      f64[at / 8 + 2 * s + 1] = second;
    }
  }

  private useData(data: TrainingSet, weights: Float32Array): void {
    if (data !== this.data) {
      throw new InvalidArgumentError("call preparePrior with this training set before training on it", {
        field: "data",
      });
    }
    if (weights.length < data.n) {
      throw new InvalidArgumentError(`weights must hold ${data.n} values, got ${weights.length}`, { field: "weights" });
    }
    this.values().set(weights.subarray(0, data.n), this.dataWeightsAt / 8);
  }

  private assertBatchFits(rows: number): void {
    if (rows > this.maxBatch) {
      throw new InvalidArgumentError(`a batch of ${rows} rows exceeds this trainer's maxBatch of ${this.maxBatch}`, {
        field: "maxBatch",
      });
    }
  }

  /** Scratch space after the data for one call: bias corrections, losses and minibatch orders. */
  private scratch(
    steps: number,
    orderCount: number,
    epochs = 1,
  ): { corrections: number; losses: number; orders: number } {
    const corrections = this.scratchAt;
    const losses = align16(corrections + steps * 16);
    const orders = align16(losses + epochs * 8);
    const end = align16(orders + orderCount * 4);
    if (end - this.scratchAt > this.scratchBytes) {
      this.growTo(end);
      this.scratchBytes = end - this.scratchAt;
    }
    return { corrections, losses, orders };
  }

  private growTo(bytes: number): void {
    growMemoryTo(this.kernel, bytes);
  }

  /** Float64 view of the kernel's memory, rebuilt after the memory grows (growth detaches old views). */
  private values(): Float64Array {
    this.refreshViews();
    return this.f64;
  }

  private words(): Uint32Array {
    this.refreshViews();
    return this.u32;
  }

  private refreshViews(): void {
    const buffer = this.kernel.memory.buffer;
    if (buffer !== this.viewBuffer) {
      this.viewBuffer = buffer;
      this.f64 = new Float64Array(buffer);
      this.u32 = new Uint32Array(buffer);
    }
  }

  private slice(at: number, count: number): Float64Array {
    return this.values().slice(at / 8, at / 8 + count);
  }
}
