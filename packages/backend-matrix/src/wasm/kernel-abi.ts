import type { ActivationName, HeadName } from "@rpf/core";

/**
 * The exports of the AssemblyScript kernel (assembly/index.ts): byte addresses are plain numbers
 * into the instance's memory. Kept beside the loader so a change on one side is a visible diff
 * on the other.
 */
export interface KernelExports {
  readonly memory: KernelMemory;
  heapBase(): number;
  configureNetwork(
    table: number,
    layers: number,
    activation: number,
    inputSize: number,
    outputSize: number,
    paramCount: number,
    /** Rows per block: a step's rows go through forward and backward this many at a time. */
    blockRows: number,
  ): void;
  configureLayer(
    layer: number,
    fanIn: number,
    fanOut: number,
    kernelOffset: number,
    biasOffset: number,
    pre: number,
    post: number,
    gradA: number,
    kernelT: number,
  ): void;
  configureBuffers(
    params: number,
    grads: number,
    first: number,
    second: number,
    outputGrad: number,
    batchX: number,
    batchY: number,
    batchPrior: number,
    batchWeights: number,
  ): void;
  configureAdam(learningRate: number, b1: number, b2: number, eps: number): void;
  configureSgd(learningRate: number, momentum: number): void;
  /** 0: no clipping. */
  configureClip(maxNorm: number): void;
  /** Decoupled weight decay λ; 0: none. */
  configureWeightDecay(lambda: number): void;
  /** HEAD_CODES[head], the Gaussian head's variance floor and its β-NLL exponent (0, 0.5 or 1). */
  configureHead(head: number, varianceFloor: number, varianceWeighting: number): void;
  /** Whether the next steps are mean warm-up (a boolean as 0 or 1). */
  configureMeanOnly(on: number): void;
  configureData(x: number, y: number, prior: number, weights: number, n: number): void;
  refreshTransposes(): void;
  stepFull(firstCorrection: number, secondCorrection: number): number;
  stepRows(order: number, count: number, firstCorrection: number, secondCorrection: number): number;
  trainFullBatch(epochs: number, corrections: number, losses: number): number;
  trainMinibatch(epochs: number, batch: number, orders: number, corrections: number, losses: number): number;
  datasetLoss(): number;
  describeNet(net: number, layers: number, activation: number): void;
  describeNetLayer(
    net: number,
    layer: number,
    fanIn: number,
    fanOut: number,
    kernelOffset: number,
    biasOffset: number,
  ): void;
  configurePredictor(
    trainableNet: number,
    priorNet: number,
    inputSize: number,
    outputSize: number,
    blockRows: number,
    xBlock: number,
    hiddenA: number,
    hiddenB: number,
    trainableBlock: number,
    priorBlock: number,
  ): void;
  forwardArray(net: number, params: number, x: number, rows: number, out: number): void;
  predictRows(
    trainableParams: number,
    priorParams: number,
    priorScale: number,
    x: number,
    rows: number,
    members: number,
    trainable: number,
    prior: number,
  ): void;
  expm1Array(src: number, dst: number, length: number): void;
  activateArray(activation: number, src: number, dst: number, length: number): void;
  logArray(src: number, dst: number, length: number): void;
}

/** The part of WebAssembly.Memory the trainer uses (typed here: the package compiles without DOM types). */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Activation codes of assembly/activations.ts; GELU has no wasm kernel and stays on TypeScript. */
export const ACTIVATION_CODES: Partial<Record<ActivationName, number>> = {
  identity: 0,
  relu: 1,
  tanh: 2,
  elu: 3,
};

/** Bytes per layer-table row in assembly/trainer.ts (eight 32-bit fields). */
export const LAYER_TABLE_ROW_BYTES = 32;

/** Bytes of a network record in assembly/predictor.ts: a 16-byte header, then 16 bytes per layer. */
export const netRecordBytes = (layers: number) => 16 + 16 * layers;

/** Head codes of assembly/trainer.ts. */
export const HEAD_CODES: Record<HeadName, number> = { mse: 0, gaussian: 1, categorical: 2 };
