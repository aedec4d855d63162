/**
 * The wasm kernel's exports. The JavaScript side (src/wasm/) lays out linear memory, describes the
 * network with the configure* calls, and then runs whole epochs with trainFullBatch or
 * trainMinibatch; a prediction instance describes both of a member's networks with describeNet*
 * and configurePredictor instead, and runs predictRows. The array entry points (forwardArray and
 * those below) exist so tests can check the kernel's maths against fdlibm, Math and the
 * TypeScript kernels directly.
 */
import { activate } from "./activations";
import { fdlibmLog } from "./gaussian";
import { expm1Vector } from "./vector-math";

export { configurePredictor, describeNet, describeNetLayer, forwardArray, predictRows } from "./predictor";
export {
  configureAdam,
  configureBuffers,
  configureClip,
  configureData,
  configureHead,
  configureLayer,
  configureMeanOnly,
  configureNetwork,
  configureSgd,
  configureWeightDecay,
  datasetLoss,
  refreshTransposes,
  stepFull,
  stepRows,
  trainFullBatch,
  trainMinibatch,
} from "./trainer";

/** log(x) for each value, with the kernel's fdlibm log (tests compare it with Math.log); buffers of `length` values. */
export function logArray(src: usize, dst: usize, length: i32): void {
  for (let i = 0; i < length; i++) {
    const at = (<usize>i) << 3;
    store<f64>(dst + at, fdlibmLog(load<f64>(src + at)));
  }
}

/** The first byte after the module's own static data: the JavaScript side lays out memory from here. */
export function heapBase(): usize {
  return __heap_base;
}

/** dst[i] = expm1(src[i]) with the full-range vector expm1; both buffers padded to 16 bytes. */
export function expm1Array(src: usize, dst: usize, length: i32): void {
  const end = src + ((<usize>length) << 3);
  const toDst = dst - src;
  for (let p = src; p < end; p += 16) v128.store(p + toDst, expm1Vector(v128.load(p)));
}

/** dst = f(src) for an activation code, exactly as the training steps apply it; buffers padded to 16 bytes. */
export function activateArray(activation: i32, src: usize, dst: usize, length: i32): void {
  activate(activation, src, dst, length);
}
