import { activate, IDENTITY } from "./activations";
import { pairedDenseForward } from "./paired-dense";

/**
 * Prediction: both networks of a member, the trainable t and the prior p, evaluated forward only
 * on rows of x, and t, β·p and t + β·p written out as float32, exactly as member-predictor.ts
 * computes them in TypeScript with DenseNetwork.forward: the trainer's activation code, and dense
 * layers that sum every value in dense-kernels.ts's order, so every value rounds as there.
 *
 * The two networks may differ in shape and activation; each is described by a record in linear
 * memory (see describeNet). Weights are read from wherever the caller put them, so one instance
 * serves every member of an ensemble. Rows go through in blocks small enough that a block's
 * activations stay in cache between layers, with rows interleaved in pairs inside the block (see
 * paired-dense.ts); nothing is allocated here.
 */

/** A network record: layer count and activation code, then one row per layer. */
const NET_HEADER_BYTES: usize = 16;
/** Per layer: fanIn, fanOut, kernel offset, bias offset (in values). */
const NET_LAYER_BYTES: usize = 16;

let trainableNet: usize = 0;
let priorNet: usize = 0;
let inputWidth: i32 = 0;
let outputWidth: i32 = 0;
let blockRows: i32 = 0;
let xBlock: usize = 0;
let hiddenA: usize = 0;
let hiddenB: usize = 0;
let trainableBlock: usize = 0;
let priorBlock: usize = 0;

export function describeNet(net: usize, layers: i32, activationCode: i32): void {
  store<i32>(net, layers);
  store<i32>(net, activationCode, 4);
}

export function describeNetLayer(
  net: usize,
  l: i32,
  fanIn: i32,
  fanOut: i32,
  kernelOffset: i32,
  biasOffset: i32,
): void {
  const row = net + NET_HEADER_BYTES + <usize>l * NET_LAYER_BYTES;
  store<i32>(row, fanIn);
  store<i32>(row, fanOut, 4);
  store<i32>(row, kernelOffset, 8);
  store<i32>(row, biasOffset, 12);
}

/**
 * The two network records and the block buffers (float64, 16-byte aligned, rows paired; the block
 * an even number of rows): x [block, inputs]; two hidden buffers, each [block, widest hidden
 * layer of either net], that successive layers alternate between; each net's output [block, outputs].
 */
export function configurePredictor(
  trainable: usize,
  prior: usize,
  inputs: i32,
  outputs: i32,
  rowsPerBlock: i32,
  xAt: usize,
  hiddenAAt: usize,
  hiddenBAt: usize,
  trainableAt: usize,
  priorAt: usize,
): void {
  trainableNet = trainable;
  priorNet = prior;
  inputWidth = inputs;
  outputWidth = outputs;
  blockRows = rowsPerBlock;
  xBlock = xAt;
  hiddenA = hiddenAAt;
  hiddenB = hiddenBAt;
  trainableBlock = trainableAt;
  priorBlock = priorAt;
}

/**
 * DenseNetwork.forward on the block's x, `pairs` row pairs, leaving the output at `out`. Hidden
 * layers are activated in place: unlike training, nothing needs the pre-activations afterwards.
 * An odd block's last pair carries a stale second row along; nothing reads its results.
 */
function forwardNet(net: usize, params: usize, pairs: i32, out: usize): void {
  const layers = load<i32>(net);
  const activation = load<i32>(net, 4);
  const last = layers - 1;
  let input = xBlock;
  for (let l = 0; l <= last; l++) {
    const row = net + NET_HEADER_BYTES + <usize>l * NET_LAYER_BYTES;
    const fanOut = load<i32>(row, 4);
    const z = l === last ? out : (l & 1) === 0 ? hiddenA : hiddenB;
    pairedDenseForward(
      input,
      params + ((<usize>load<i32>(row, 8)) << 3),
      params + ((<usize>load<i32>(row, 12)) << 3),
      z,
      pairs,
      load<i32>(row),
      fanOut,
    );
    if (l < last && activation !== IDENTITY) activate(activation, z, z, pairs * fanOut * 2);
    input = z;
  }
}

/** Where value (i, j) of a row-paired [·, width] block sits, in bytes from its start. */
function pairedAt(i: i32, j: i32, width: i32): usize {
  return (<usize>((((i >> 1) * width + j) << 1) | (i & 1))) << 3;
}

/**
 * Predictions for `rows` rows of x (float32 [rows, inputs]) with the given weights (float64,
 * laid out as mlpLayout): t, β·p and t + β·p as float32 [rows, outputs] each, with β·p and the
 * sum rounded from float64 as member-predictor.ts does.
 */
export function predictRows(
  trainableParams: usize,
  priorParams: usize,
  priorScale: f64,
  x: usize,
  rows: i32,
  members: usize,
  trainable: usize,
  prior: usize,
): void {
  for (let start = 0; start < rows; start += blockRows) {
    const count = min(blockRows, rows - start);
    let from = x + ((<usize>(start * inputWidth)) << 2);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < inputWidth; k++, from += 4)
        store<f64>(xBlock + pairedAt(i, k, inputWidth), <f64>load<f32>(from));
    }
    const pairs = (count + 1) >> 1;
    forwardNet(trainableNet, trainableParams, pairs, trainableBlock);
    forwardNet(priorNet, priorParams, pairs, priorBlock);
    let to = (<usize>(start * outputWidth)) << 2;
    for (let i = 0; i < count; i++) {
      for (let o = 0; o < outputWidth; o++, to += 4) {
        const at = pairedAt(i, o, outputWidth);
        const t = load<f64>(trainableBlock + at);
        const scaled = priorScale * load<f64>(priorBlock + at);
        store<f32>(trainable + to, <f32>t);
        store<f32>(prior + to, <f32>scaled);
        store<f32>(members + to, <f32>(t + scaled));
      }
    }
  }
}

/**
 * One described network's float64 outputs on x [rows, inputs] into out [rows, outputs], both
 * row-major, before any rounding to float32: an entry point for tests, which compare them bit for
 * bit with DenseNetwork.forward (float32 results hide nearly every float64 difference). The net's
 * widths must be those given to configurePredictor.
 */
export function forwardArray(net: usize, params: usize, x: usize, rows: i32, out: usize): void {
  for (let start = 0; start < rows; start += blockRows) {
    const count = min(blockRows, rows - start);
    let from = x + ((<usize>(start * inputWidth)) << 3);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < inputWidth; k++, from += 8) store<f64>(xBlock + pairedAt(i, k, inputWidth), load<f64>(from));
    }
    forwardNet(net, params, (count + 1) >> 1, trainableBlock);
    let to = out + ((<usize>(start * outputWidth)) << 3);
    for (let i = 0; i < count; i++) {
      for (let o = 0; o < outputWidth; o++, to += 8)
        store<f64>(to, load<f64>(trainableBlock + pairedAt(i, o, outputWidth)));
    }
  }
}
