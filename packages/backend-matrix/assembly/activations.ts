import { expm1NonPositive, tanhVector } from "./vector-math";

/** Activation codes shared with src/wasm/kernel-abi.ts. */
export const IDENTITY: i32 = 0;
export const RELU: i32 = 1;
export const TANH: i32 = 2;
export const ELU: i32 = 3;

/*
 * Each rule mirrors activation-kernels.ts lane by lane. ELU keeps z wherever z is not negative,
 * so −0 and NaN pass through as they do there; the backward rules test z ≤ 0 exactly as there.
 */

/**
 * ELU skips the exponential, most of the kernel's time, for pairs with no sign bit set (one
 * instruction to test): a quarter of the pairs in the seed workload's training, about half in its
 * prediction, where a pair holds neighbouring rows. A −0 or negative-NaN lane takes the
 * exponential's path but is kept as z there, so the result is the same.
 */
function eluForward(z: v128): v128 {
  if (i64x2.bitmask(z) === 0) return z;
  return v128.bitselect(expm1NonPositive(z), z, f64x2.lt(z, f64x2.splat(0.0)));
}

function reluForward(z: v128): v128 {
  return f64x2.max(z, f64x2.splat(0.0));
}

function eluBackward(z: v128, a: v128, grad: v128): v128 {
  const scaled = f64x2.mul(grad, f64x2.add(a, f64x2.splat(1.0)));
  return v128.bitselect(scaled, grad, f64x2.le(z, f64x2.splat(0.0)));
}

function reluBackward(z: v128, grad: v128): v128 {
  return v128.bitselect(f64x2.splat(0.0), grad, f64x2.le(z, f64x2.splat(0.0)));
}

function tanhBackward(a: v128, grad: v128): v128 {
  return f64x2.mul(grad, f64x2.sub(f64x2.splat(1.0), f64x2.mul(a, a)));
}

/*
 * The loops below run over whole f64x2 pairs, so an odd-length buffer's last value is computed
 * together with the padding value after it. Every buffer the JavaScript side lays out is 16-byte
 * aligned and padded to a multiple of 16 bytes, so that value is always in bounds and unused; in
 * exchange each vector function has a single call site and is inlined into its loop.
 */

/** a = f(z) over `length` contiguous values; the activation is chosen outside the loops. */
export function activate(activation: i32, z: usize, a: usize, length: i32): void {
  const end = z + ((<usize>length) << 3);
  const toA = a - z;
  if (activation === ELU) {
    for (let p = z; p < end; p += 16) v128.store(p + toA, eluForward(v128.load(p)));
  } else if (activation === RELU) {
    for (let p = z; p < end; p += 16) v128.store(p + toA, reluForward(v128.load(p)));
  } else if (activation === TANH) {
    for (let p = z; p < end; p += 16) v128.store(p + toA, tanhVector(v128.load(p)));
  } else {
    memory.copy(a, z, (<usize>length) << 3);
  }
}

/** grad ← grad·f′(z), using the stored activations a = f(z) as the TypeScript kernels do. */
export function multiplyByDerivative(activation: i32, z: usize, a: usize, grad: usize, length: i32): void {
  const end = z + ((<usize>length) << 3);
  const toA = a - z;
  const toGrad = grad - z;
  if (activation === ELU) {
    for (let p = z; p < end; p += 16) {
      v128.store(p + toGrad, eluBackward(v128.load(p), v128.load(p + toA), v128.load(p + toGrad)));
    }
  } else if (activation === RELU) {
    for (let p = z; p < end; p += 16) v128.store(p + toGrad, reluBackward(v128.load(p), v128.load(p + toGrad)));
  } else if (activation === TANH) {
    for (let p = z; p < end; p += 16) v128.store(p + toGrad, tanhBackward(v128.load(p + toA), v128.load(p + toGrad)));
  }
}
