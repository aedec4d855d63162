/**
 * The wasm kernel's exports. The JavaScript side (src/wasm/) lays out linear memory, describes the
 * network with the configure* calls, and then runs whole epochs with trainFullBatch or
 * trainMinibatch; a prediction instance describes both of a member's networks with describeNet*
 * and configurePredictor instead, and runs predictRows. The array entry points (forwardArray and
 * those below) exist so tests can check the kernel's maths against fdlibm, Math and the
 * TypeScript kernels directly.
 */
import { activate } from "./activations";
import { expm1Vector } from "./vector-math";

export { configurePredictor, describeNet, describeNetLayer, forwardArray, predictRows } from "./predictor";
export {
  configureAdam,
  configureBuffers,
  configureClip,
  configureData,
  configureLayer,
  configureNetwork,
  configureSgd,
  datasetLoss,
  refreshTransposes,
  stepFull,
  stepRows,
  trainFullBatch,
  trainMinibatch,
} from "./trainer";

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
