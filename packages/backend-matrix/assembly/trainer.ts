import { activate, multiplyByDerivative } from "./activations";
import { crossEntropyRow } from "./categorical";
import { denseForward, denseInputGrads, denseParamGrads, transposeKernel } from "./dense";
import { fdlibmLog, slope, TWO_PI, varianceOfRaw } from "./gaussian";
import { adamUpdate, adamUpdateDecayed, clipByGlobalNorm, sgdUpdate, sgdUpdateDecayed } from "./optimizer";

/**
 * One member's training state and steps, mirroring member-trainer.ts and dense-network.ts. Every
 * buffer lives in this instance's linear memory at an address the JavaScript side chose when it
 * laid the memory out; nothing is allocated here, so an epoch loop touches no allocator. Each
 * trainer has its own instance, so these module globals are per member.
 */

export const ADAM: i32 = 0;
export const SGD: i32 = 1;
/** Head codes shared with src/wasm/kernel-abi.ts. */
export const MSE_HEAD: i32 = 0;
export const GAUSSIAN_HEAD: i32 = 1;
export const CATEGORICAL_HEAD: i32 = 2;

/** Per layer: fanIn, fanOut, kernel offset, bias offset (in values), then pre, post, gradA, kernelT (byte addresses). */
const LAYER_FIELDS: usize = 8;

let layerTable: usize = 0;
let layerCount: i32 = 0;
let activation: i32 = 0;
let inputSize: i32 = 0;
let outputSize: i32 = 0;
let paramCount: i32 = 0;
/**
 * Rows per block: the per-row buffers (pre, post, gradA, outputGrad, batch*) hold this many rows,
 * and a step on more rows runs block after block, so each block's activations are still in cache
 * when its backward pass reads them (the JavaScript side sizes it to the cache, see
 * wasm-member-trainer.ts).
 */
let blockRows: i32 = 0;

let params: usize = 0;
let grads: usize = 0;
let first: usize = 0;
let second: usize = 0;
let outputGrad: usize = 0;
let batchX: usize = 0;
let batchY: usize = 0;
let batchPrior: usize = 0;
let batchWeights: usize = 0;

let optimizerKind: i32 = ADAM;
let learningRate: f64 = 0;
let beta1: f64 = 0;
let beta2: f64 = 0;
let epsilon: f64 = 0;
let momentum: f64 = 0;
/** optax.clip_by_global_norm's bound; 0 means no clipping. */
let clipNorm: f64 = 0;
/** Decoupled weight decay λ (optax.add_decayed_weights before the learning rate); 0: none. */
let weightDecay: f64 = 0;

let head: i32 = MSE_HEAD;
let varianceFloor: f64 = 0;
/** β-NLL's exponent: 0, 0.5 or 1 (src/gaussian-head.ts's varianceWeight; others train in TypeScript). */
let varianceWeighting: f64 = 0;
/** Mean warm-up: the Gaussian head's mean learns by squared error, its variance outputs get no gradient. */
let meanOnly: bool = false;

let dataX: usize = 0;
let dataY: usize = 0;
let dataPrior: usize = 0;
let dataWeights: usize = 0;
let dataRows: i32 = 0;

export function configureNetwork(
  table: usize,
  layers: i32,
  activationCode: i32,
  inputs: i32,
  outputs: i32,
  parameters: i32,
  rowsPerBlock: i32,
): void {
  layerTable = table;
  layerCount = layers;
  activation = activationCode;
  inputSize = inputs;
  outputSize = outputs;
  paramCount = parameters;
  blockRows = rowsPerBlock;
}

export function configureLayer(
  l: i32,
  fanIn: i32,
  fanOut: i32,
  kernelOffset: i32,
  biasOffset: i32,
  pre: usize,
  post: usize,
  gradA: usize,
  kernelT: usize,
): void {
  const row = layerTable + <usize>l * LAYER_FIELDS * 4;
  store<i32>(row, fanIn);
  store<i32>(row, fanOut, 4);
  store<i32>(row, kernelOffset, 8);
  store<i32>(row, biasOffset, 12);
  store<u32>(row, <u32>pre, 16);
  store<u32>(row, <u32>post, 20);
  store<u32>(row, <u32>gradA, 24);
  store<u32>(row, <u32>kernelT, 28);
}

export function configureBuffers(
  paramsAt: usize,
  gradsAt: usize,
  firstAt: usize,
  secondAt: usize,
  outputGradAt: usize,
  batchXAt: usize,
  batchYAt: usize,
  batchPriorAt: usize,
  batchWeightsAt: usize,
): void {
  params = paramsAt;
  grads = gradsAt;
  first = firstAt;
  second = secondAt;
  outputGrad = outputGradAt;
  batchX = batchXAt;
  batchY = batchYAt;
  batchPrior = batchPriorAt;
  batchWeights = batchWeightsAt;
}

export function configureAdam(lr: f64, b1: f64, b2: f64, eps: f64): void {
  optimizerKind = ADAM;
  learningRate = lr;
  beta1 = b1;
  beta2 = b2;
  epsilon = eps;
}

/** Gradient clipping to a global L2 norm before the update; 0 turns it off. */
export function configureClip(maxNorm: f64): void {
  clipNorm = maxNorm;
}

/** Decoupled weight decay λ ≥ 0; 0 keeps the plain update formulas. */
export function configureWeightDecay(lambda: f64): void {
  weightDecay = lambda;
}

/**
 * The output head: MSE_HEAD, GAUSSIAN_HEAD with the network's rows laid out as [means
 * (outputSize), raw variances (outputSize)] and variance = softplus(raw) + floor, or
 * CATEGORICAL_HEAD with outputSize class logits per row and one-hot y.
 */
export function configureHead(kind: i32, floor: f64, weighting: f64): void {
  head = kind;
  varianceFloor = floor;
  varianceWeighting = weighting;
}

/** Whether the next steps are mean warm-up (the handle sets it before each epoch). */
export function configureMeanOnly(on: bool): void {
  meanOnly = on;
}

export function configureSgd(lr: f64, mu: f64): void {
  optimizerKind = SGD;
  learningRate = lr;
  momentum = mu;
}

/** The training set of the current fit: x [n, in], y and β·p(x) [n, out], weights [n]. */
export function configureData(x: usize, y: usize, prior: usize, weights: usize, n: i32): void {
  dataX = x;
  dataY = y;
  dataPrior = prior;
  dataWeights = weights;
  dataRows = n;
}

function field(l: i32, index: usize): i32 {
  return load<i32>(layerTable + (<usize>l * LAYER_FIELDS + index) * 4);
}

function address(l: i32, index: usize): usize {
  return <usize>load<u32>(layerTable + (<usize>l * LAYER_FIELDS + index) * 4);
}

/** Wᵀ of every layer whose input gradient is needed (all but the first), from the current params. */
export function refreshTransposes(): void {
  for (let l = 1; l < layerCount; l++) {
    transposeKernel(params + ((<usize>field(l, 2)) << 3), address(l, 7), field(l, 0), field(l, 1));
  }
}

/** Forward pass of the trainable network on `rows` rows at x; the output is layer L−1's pre buffer. */
function forward(x: usize, rows: i32): usize {
  let input = x;
  const last = layerCount - 1;
  for (let l = 0; l <= last; l++) {
    const fanOut = field(l, 1);
    const pre = address(l, 4);
    denseForward(
      input,
      params + ((<usize>field(l, 2)) << 3),
      params + ((<usize>field(l, 3)) << 3),
      pre,
      rows,
      field(l, 0),
      fanOut,
    );
    if (l < last) {
      const post = address(l, 5);
      activate(activation, pre, post, rows * fanOut);
      input = post;
    }
  }
  return address(last, 4);
}

/**
 * One block's share of the weighted MSE of t + β·p against y, and dL/dt into outputGrad, in
 * member-trainer.ts's order. `scale` is 1 / (rows × outputs) of the whole batch; `loss` is the
 * unscaled running sum of the blocks before, continued here (not a per-block sum added
 * afterwards), so the additions happen in the TypeScript loop's order. Returns the running sum.
 */
function lossAndOutputGrad(t: usize, y: usize, prior: usize, weights: usize, rows: i32, scale: f64, loss: f64): f64 {
  let j: usize = 0;
  for (let i = 0; i < rows; i++) {
    const w = load<f64>(weights + ((<usize>i) << 3));
    for (let o = 0; o < outputSize; o++, j += 8) {
      const r = load<f64>(t + j) + load<f64>(prior + j) - load<f64>(y + j);
      loss += w * r * r;
      store<f64>(outputGrad + j, 2.0 * w * r * scale);
    }
  }
  return loss;
}

/**
 * The Gaussian head's share of one block, as member-trainer.ts's gaussianLossAndOutputGrad: the
 * unhalved, unscaled running sum Σ w·(log(2πv) + r²/v) continued from `loss`, and dL/d(output)
 * into outputGrad, whose rows are [means, raw variances] (2·outputSize wide): the NLL's gradient
 * scaled by v^varianceWeighting, or in mean warm-up w·r for the mean and 0 for the variance.
 */
function gaussianLossAndOutputGrad(
  t: usize,
  y: usize,
  prior: usize,
  weights: usize,
  rows: i32,
  scale: f64,
  loss: f64,
): f64 {
  const halfScale = 0.5 * scale;
  const rowBytes = (<usize>outputSize) << 4;
  const varianceBytes = (<usize>outputSize) << 3;
  let j: usize = 0;
  for (let i = 0; i < rows; i++) {
    const w = load<f64>(weights + ((<usize>i) << 3));
    const rowAt = <usize>i * rowBytes;
    for (let o = 0; o < outputSize; o++, j += 8) {
      const mean = rowAt + ((<usize>o) << 3);
      const v = varianceOfRaw(load<f64>(t + mean + varianceBytes), varianceFloor);
      const r = load<f64>(t + mean) + load<f64>(prior + j) - load<f64>(y + j);
      const q = (r * r) / v;
      loss += w * (fdlibmLog(TWO_PI * v) + q);
      if (meanOnly) {
        store<f64>(outputGrad + mean, w * r * scale);
        store<f64>(outputGrad + mean + varianceBytes, 0.0);
        continue;
      }
      const c = varianceWeighting === 0.0 ? 1.0 : varianceWeighting === 0.5 ? Math.sqrt(v) : v;
      const wv = w * c;
      store<f64>(outputGrad + mean, ((wv * r) / v) * scale);
      store<f64>(outputGrad + mean + varianceBytes, ((wv * (1.0 - q)) / v) * slope * halfScale);
    }
  }
  return loss;
}

/**
 * The categorical head's share of one block, as member-trainer.ts's categoricalLossAndOutputGrad:
 * the running sum Σ w·CE continued from `loss`, and dL/dt = w·(softmax − y)·scale into outputGrad.
 */
function categoricalLossAndOutputGrad(
  t: usize,
  y: usize,
  prior: usize,
  weights: usize,
  rows: i32,
  scale: f64,
  loss: f64,
): f64 {
  const rowBytes = (<usize>outputSize) << 3;
  for (let i = 0; i < rows; i++) {
    const at = <usize>i * rowBytes;
    const w = load<f64>(weights + ((<usize>i) << 3));
    loss += crossEntropyRow(t + at, prior + at, y + at, outputSize, w, outputGrad + at, 0, scale);
  }
  return loss;
}

/**
 * Backward pass after `forward` on the same rows: adds this block's dL/dθ into grads, continuing
 * each entry's sum over rows from the blocks before (the step zeroes grads once, before its first
 * block).
 */
function backward(x: usize, rows: i32): void {
  let gradZ = outputGrad;
  for (let l = layerCount - 1; l >= 0; l--) {
    const fanIn = field(l, 0);
    const fanOut = field(l, 1);
    const kernelOffset = (<usize>field(l, 2)) << 3;
    const input = l === 0 ? x : address(l - 1, 5);
    denseParamGrads(input, gradZ, grads + kernelOffset, grads + ((<usize>field(l, 3)) << 3), rows, fanIn, fanOut);
    if (l === 0) return;
    const gradInput = address(l - 1, 6);
    denseInputGrads(gradZ, address(l, 7), gradInput, rows, fanIn, fanOut);
    multiplyByDerivative(activation, address(l - 1, 4), address(l - 1, 5), gradInput, rows * fanIn);
    gradZ = gradInput;
  }
}

function update(firstCorrection: f64, secondCorrection: f64): void {
  if (clipNorm > 0) clipByGlobalNorm(grads, paramCount, clipNorm);
  if (weightDecay !== 0.0) {
    if (optimizerKind === ADAM) {
      adamUpdateDecayed(
        params,
        grads,
        first,
        second,
        paramCount,
        learningRate,
        beta1,
        beta2,
        epsilon,
        firstCorrection,
        secondCorrection,
        weightDecay,
      );
    } else {
      sgdUpdateDecayed(params, grads, first, paramCount, learningRate, momentum, weightDecay);
    }
  } else if (optimizerKind === ADAM) {
    adamUpdate(
      params,
      grads,
      first,
      second,
      paramCount,
      learningRate,
      beta1,
      beta2,
      epsilon,
      firstCorrection,
      secondCorrection,
    );
  } else {
    sgdUpdate(params, grads, first, paramCount, learningRate, momentum);
  }
  refreshTransposes();
}

/** Copies the rows named by `order` (u32 indices) into the batch buffers, as member-trainer.ts's gather. */
function gather(order: usize, count: i32): void {
  const inBytes = (<usize>inputSize) << 3;
  const outBytes = (<usize>outputSize) << 3;
  for (let b = 0; b < count; b++) {
    const i = <usize>load<u32>(order + ((<usize>b) << 2));
    const bb = <usize>b;
    memory.copy(batchX + bb * inBytes, dataX + i * inBytes, inBytes);
    memory.copy(batchY + bb * outBytes, dataY + i * outBytes, outBytes);
    memory.copy(batchPrior + bb * outBytes, dataPrior + i * outBytes, outBytes);
    store<f64>(batchWeights + (bb << 3), load<f64>(dataWeights + (i << 3)));
  }
}

/**
 * One optimiser step on `rows` rows: the data set's first rows when `gathered` is false, else the
 * rows listed at `order` (u32 indices), gathered one block at a time. Returns the weighted loss
 * before the update.
 *
 * The rows go through forward, loss and backward in blocks of blockRows, so that each block's
 * activations (rows × width per layer) are read back by its backward pass while still in cache,
 * instead of a whole batch's being written out to memory and streamed back. This keeps
 * member-trainer.ts's bits: forward, activations and input gradients are per row; the loss and
 * every parameter-gradient entry are sums over rows that the TypeScript kernels take in row order
 * from 0, and here each block continues the same running sum (grads zeroed once, then
 * denseParamGrads and lossAndOutputGrad pick up where the previous block stopped).
 */
function stepOn(order: usize, gathered: bool, rows: i32, firstCorrection: f64, secondCorrection: f64): f64 {
  const inBytes = (<usize>inputSize) << 3;
  const outBytes = (<usize>outputSize) << 3;
  // The categorical head's K logits are one prediction: its loss divides by the rows alone.
  const scale = head === CATEGORICAL_HEAD ? 1.0 / <f64>rows : 1.0 / (<f64>rows * <f64>outputSize);
  let loss = 0.0;
  memory.fill(grads, 0, (<usize>paramCount) << 3);
  for (let start = 0; start < rows; start += blockRows) {
    const count = min(blockRows, rows - start);
    let x = batchX;
    let y = batchY;
    let prior = batchPrior;
    let weights = batchWeights;
    if (gathered) {
      gather(order + ((<usize>start) << 2), count);
    } else {
      const row = <usize>start;
      x = dataX + row * inBytes;
      y = dataY + row * outBytes;
      prior = dataPrior + row * outBytes;
      weights = dataWeights + (row << 3);
    }
    const t = forward(x, count);
    if (head === GAUSSIAN_HEAD) loss = gaussianLossAndOutputGrad(t, y, prior, weights, count, scale, loss);
    else if (head === CATEGORICAL_HEAD) loss = categoricalLossAndOutputGrad(t, y, prior, weights, count, scale, loss);
    else loss = lossAndOutputGrad(t, y, prior, weights, count, scale, loss);
    backward(x, count);
  }
  update(firstCorrection, secondCorrection);
  return head === GAUSSIAN_HEAD ? loss * (0.5 * scale) : loss * scale;
}

/** One step on the whole training set (the full-batch epoch). */
export function stepFull(firstCorrection: f64, secondCorrection: f64): f64 {
  return stepOn(0, false, dataRows, firstCorrection, secondCorrection);
}

/** One step on the `count` rows listed at `order`. */
export function stepRows(order: usize, count: i32, firstCorrection: f64, secondCorrection: f64): f64 {
  return stepOn(order, true, count, firstCorrection, secondCorrection);
}

function finite(value: f64): bool {
  return value - value === 0.0;
}

/**
 * `epochs` full-batch epochs. corrections holds (1 − b1^t, 1 − b2^t) for each step; losses[e]
 * receives epoch e's loss. Stops after the first epoch whose loss is not finite, as the handle's
 * divergence check would, and returns the number of epochs run.
 */
export function trainFullBatch(epochs: i32, corrections: usize, losses: usize): i32 {
  for (let e = 0; e < epochs; e++) {
    const at = (<usize>e) << 4;
    const loss = stepFull(load<f64>(corrections + at), load<f64>(corrections + at, 8));
    store<f64>(losses + ((<usize>e) << 3), loss);
    if (!finite(loss)) return e + 1;
  }
  return epochs;
}

/**
 * `epochs` minibatch epochs: orders holds each epoch's permutation of the n rows (u32), batches
 * are consecutive slices of it, and corrections holds one pair per step. Epoch e's loss is the
 * example-weighted mean of its step losses, Σ count·loss / n, as minibatch-epoch.ts computes it.
 */
export function trainMinibatch(epochs: i32, batch: i32, orders: usize, corrections: usize, losses: usize): i32 {
  let step: usize = 0;
  for (let e = 0; e < epochs; e++) {
    const order = orders + ((<usize>e * <usize>dataRows) << 2);
    let total = 0.0;
    for (let from = 0; from < dataRows; from += batch) {
      const count = min(batch, dataRows - from);
      const at = step << 4;
      total +=
        <f64>count *
        stepRows(order + ((<usize>from) << 2), count, load<f64>(corrections + at), load<f64>(corrections + at, 8));
      step += 1;
    }
    const loss = total / <f64>dataRows;
    store<f64>(losses + ((<usize>e) << 3), loss);
    if (!finite(loss)) return e + 1;
  }
  return epochs;
}

/** The weighted loss of the current parameters on the whole training set, in blocks of blockRows rows. */
export function datasetLoss(): f64 {
  if (head === GAUSSIAN_HEAD) return gaussianDatasetLoss();
  if (head === CATEGORICAL_HEAD) return categoricalDatasetLoss();
  const inBytes = (<usize>inputSize) << 3;
  let total = 0.0;
  for (let start = 0; start < dataRows; start += blockRows) {
    const rows = min(blockRows, dataRows - start);
    const t = forward(dataX + <usize>start * inBytes, rows);
    for (let i = 0; i < rows * outputSize; i++) {
      const index = start * outputSize + i;
      const at = (<usize>index) << 3;
      const r = load<f64>(t + ((<usize>i) << 3)) + load<f64>(dataPrior + at) - load<f64>(dataY + at);
      total += load<f64>(dataWeights + ((<usize>(index / outputSize)) << 3)) * r * r;
    }
  }
  return total / (<f64>dataRows * <f64>outputSize);
}

/** datasetLoss for the Gaussian head, as member-trainer.ts's loss: Σ w·(log(2πv) + r²/v) · ½/(n·outputs). */
function gaussianDatasetLoss(): f64 {
  const inBytes = (<usize>inputSize) << 3;
  const varianceBytes = (<usize>outputSize) << 3;
  let total = 0.0;
  for (let start = 0; start < dataRows; start += blockRows) {
    const rows = min(blockRows, dataRows - start);
    const t = forward(dataX + <usize>start * inBytes, rows);
    for (let i = 0; i < rows; i++) {
      const w = load<f64>(dataWeights + ((<usize>(start + i)) << 3));
      for (let o = 0; o < outputSize; o++) {
        const at = (<usize>((start + i) * outputSize + o)) << 3;
        const mean = t + ((<usize>(i * 2 * outputSize + o)) << 3);
        const r = load<f64>(mean) + load<f64>(dataPrior + at) - load<f64>(dataY + at);
        const v = varianceOfRaw(load<f64>(mean + varianceBytes), varianceFloor);
        total += w * (fdlibmLog(TWO_PI * v) + (r * r) / v);
      }
    }
  }
  return total * (0.5 / (<f64>dataRows * <f64>outputSize));
}

/**
 * datasetLoss for the categorical head, as member-trainer.ts's loss: Σ w·CE / n. outputGrad holds
 * each row's e^(z − max) meanwhile; the next step overwrites it.
 */
function categoricalDatasetLoss(): f64 {
  const inBytes = (<usize>inputSize) << 3;
  const rowBytes = (<usize>outputSize) << 3;
  let total = 0.0;
  for (let start = 0; start < dataRows; start += blockRows) {
    const rows = min(blockRows, dataRows - start);
    const t = forward(dataX + <usize>start * inBytes, rows);
    for (let i = 0; i < rows; i++) {
      const row = <usize>(start + i);
      const at = row * rowBytes;
      const w = load<f64>(dataWeights + (row << 3));
      total += crossEntropyRow(t + <usize>i * rowBytes, dataPrior + at, dataY + at, outputSize, w, 0, outputGrad, 0.0);
    }
  }
  return total / <f64>dataRows;
}
