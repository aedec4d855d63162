import type { Numbers } from "./precision.js";

/**
 * The three matrix products of a dense layer, for row-major x [n, fanIn], kernel W [fanIn, fanOut]
 * and gradients dZ [n, fanOut]. Written by hand rather than with ml-matrix because these matrices
 * are tiny (16 × 16): a general library's per-call allocation and nested arrays cost more than the
 * arithmetic. Outputs are computed four at a time into local accumulators, so each loaded input
 * feeds four multiply-adds and no partial sum goes back to memory inside the loop.
 */

/** z = x·W + b. */
export function denseForward(
  x: Numbers,
  params: Numbers,
  kernelOffset: number,
  biasOffset: number,
  z: Numbers,
  n: number,
  fanIn: number,
  fanOut: number,
): void {
  const blocked = fanOut - (fanOut % 4);
  for (let i = 0; i < n; i++) {
    const inRow = i * fanIn;
    const outRow = i * fanOut;
    for (let o = 0; o < blocked; o += 4) {
      let s0 = params[biasOffset + o]!;
      let s1 = params[biasOffset + o + 1]!;
      let s2 = params[biasOffset + o + 2]!;
      let s3 = params[biasOffset + o + 3]!;
      for (let k = 0, w = kernelOffset + o; k < fanIn; k++, w += fanOut) {
        const xv = x[inRow + k]!;
        s0 += xv * params[w]!;
        s1 += xv * params[w + 1]!;
        s2 += xv * params[w + 2]!;
        s3 += xv * params[w + 3]!;
      }
      z[outRow + o] = s0;
      z[outRow + o + 1] = s1;
      z[outRow + o + 2] = s2;
      z[outRow + o + 3] = s3;
    }
    for (let o = blocked; o < fanOut; o++) {
      let s = params[biasOffset + o]!;
      for (let k = 0, w = kernelOffset + o; k < fanIn; k++, w += fanOut) s += x[inRow + k]! * params[w]!;
      z[outRow + o] = s;
    }
  }
}

/** dW += xᵀ·dZ and db += Σᵢ dZ. */
export function denseParamGrads(
  x: Numbers,
  gradZ: Numbers,
  grads: Numbers,
  kernelOffset: number,
  biasOffset: number,
  n: number,
  fanIn: number,
  fanOut: number,
): void {
  const blocked = fanOut - (fanOut % 4);
  for (let o = 0; o < fanOut; o++) {
    let s = 0;
    for (let i = 0, g = o; i < n; i++, g += fanOut) s += gradZ[g]!;
    grads[biasOffset + o]! += s;
  }
  for (let k = 0; k < fanIn; k++) {
    const w = kernelOffset + k * fanOut;
    for (let o = 0; o < blocked; o += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0, xi = k, g = o; i < n; i++, xi += fanIn, g += fanOut) {
        const xv = x[xi]!;
        s0 += xv * gradZ[g]!;
        s1 += xv * gradZ[g + 1]!;
        s2 += xv * gradZ[g + 2]!;
        s3 += xv * gradZ[g + 3]!;
      }
      grads[w + o]! += s0;
      grads[w + o + 1]! += s1;
      grads[w + o + 2]! += s2;
      grads[w + o + 3]! += s3;
    }
    for (let o = blocked; o < fanOut; o++) {
      let s = 0;
      for (let i = 0, xi = k, g = o; i < n; i++, xi += fanIn, g += fanOut) s += x[xi]! * gradZ[g]!;
      grads[w + o]! += s;
    }
  }
}

/** dX = dZ·Wᵀ, four input features at a time so each loaded gradient feeds four multiply-adds. */
export function denseInputGrads(
  gradZ: Numbers,
  params: Numbers,
  kernelOffset: number,
  gradX: Numbers,
  n: number,
  fanIn: number,
  fanOut: number,
): void {
  const blocked = fanIn - (fanIn % 4);
  for (let i = 0; i < n; i++) {
    const outRow = i * fanOut;
    const inRow = i * fanIn;
    for (let k = 0; k < blocked; k += 4) {
      const w0 = kernelOffset + k * fanOut;
      const w1 = w0 + fanOut;
      const w2 = w1 + fanOut;
      const w3 = w2 + fanOut;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let o = 0; o < fanOut; o++) {
        const g = gradZ[outRow + o]!;
        s0 += g * params[w0 + o]!;
        s1 += g * params[w1 + o]!;
        s2 += g * params[w2 + o]!;
        s3 += g * params[w3 + o]!;
      }
      gradX[inRow + k] = s0;
      gradX[inRow + k + 1] = s1;
      gradX[inRow + k + 2] = s2;
      gradX[inRow + k + 3] = s3;
    }
    for (let k = blocked; k < fanIn; k++) {
      const w = kernelOffset + k * fanOut;
      let s = 0;
      for (let o = 0; o < fanOut; o++) s += gradZ[outRow + o]! * params[w + o]!;
      gradX[inRow + k] = s;
    }
  }
}
