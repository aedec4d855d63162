import type { Numbers } from "./precision.js";

/**
 * The categorical head's per-row maths (docs/heads.md), shared by the TypeScript trainer's step
 * and loss; assembly/categorical.ts repeats every operation in the same order, so the wasm kernel
 * trains to the same bits. exp(a) for a ≤ 0 is Math.expm1(a) + 1 and log is Math.log: the kernel
 * carries fdlibm's expm1 and log, which V8's Math uses.
 */

/** Where a row's values start in each array, and the row's weight; reused to stay allocation-free. */
export interface CategoricalRow {
  /** Start of the trainable logits t in `t`. */
  t: number;
  /** Start of β·p and of the one-hot targets in `prior` and `y` ([n, K] alike). */
  j: number;
  /** Start of the row in the output gradient, or −1 for the loss alone. */
  grad: number;
  w: number;
}

/**
 * w · CE for one row, CE = −Σ_k y_k·log softmax(z)_k with z = t + β·p, computed as
 * Σ_k y_k·(log Σ e^(z − max) − (z_k − max)). With `row.grad ≥ 0` also writes
 * dL/dt_k = w·(softmax(z)_k − y_k)·scale into `outputGrad`. `e` is K scratch values (float64, so
 * a float32 trainer rounds only what it stores, as the kernel does).
 */
export function crossEntropyRow(
  t: Numbers,
  prior: Numbers,
  y: Numbers,
  classes: number,
  row: CategoricalRow,
  e: Float64Array,
  outputGrad: Numbers,
  scale: number,
): number {
  let max = t[row.t]! + prior[row.j]!;
  for (let k = 1; k < classes; k++) {
    const z = t[row.t + k]! + prior[row.j + k]!;
    if (z > max) max = z;
  }
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    e[k] = Math.expm1(t[row.t + k]! + prior[row.j + k]! - max) + 1;
    sum += e[k]!;
  }
  const logSum = Math.log(sum);
  let ce = 0;
  for (let k = 0; k < classes; k++) ce += y[row.j + k]! * (logSum - (t[row.t + k]! + prior[row.j + k]! - max));
  if (row.grad >= 0) {
    for (let k = 0; k < classes; k++) outputGrad[row.grad + k] = row.w * (e[k]! / sum - y[row.j + k]!) * scale;
  }
  return row.w * ce;
}
