/**
 * The three matrix products of a dense layer on row-major float64 buffers (byte pointers): x [n,
 * fanIn], kernel W [fanIn, fanOut], dZ [n, fanOut]. Every output is summed in the same order as
 * dense-kernels.ts (bias or 0 first, then k = 0, 1, …; or i = 0, 1, …), with separate multiply
 * and add (no fused multiply-add), so each lane rounds exactly like the TypeScript kernel:
 * vectorising across outputs changes no bit. Outputs go eight at a time (four f64x2 accumulators)
 * for two rows at once, so each loaded matrix vector feeds two rows and each loaded input eight
 * outputs; then two outputs at a time, then one.
 */

/** z = x·W + b. */
export function denseForward(x: usize, kernel: usize, bias: usize, z: usize, n: i32, fanIn: i32, fanOut: i32): void {
  rowsTimesMatrix(x, kernel, bias, z, n, fanIn, fanOut);
}

/**
 * dX = dZ·Wᵀ, as dZ times the transposed kernel Wᵀ [fanOut, fanIn] (refreshed after every
 * update), so adjacent inputs k, k+1 are adjacent in memory.
 */
export function denseInputGrads(gradZ: usize, kernelT: usize, gradX: usize, n: i32, fanIn: i32, fanOut: i32): void {
  rowsTimesMatrix(gradZ, kernelT, 0, gradX, n, fanOut, fanIn);
}

/**
 * out[i, j] = start[j] + Σₖ a[i, k]·m[k, j] for a [n, inner], m [inner, width], summing k in
 * order; start is the vector at `start`, or zeros when `start` is 0.
 */
function rowsTimesMatrix(a: usize, m: usize, start: usize, out: usize, n: i32, inner: i32, width: i32): void {
  const aRow = (<usize>inner) << 3;
  const outRow = (<usize>width) << 3;
  const blocked8 = width & ~7;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const a0 = a + <usize>i * aRow;
    const out0 = out + <usize>i * outRow;
    for (let j = 0; j < blocked8; j += 8) eightColumnsTwoRows(a0, aRow, m, start, out0, outRow, inner, j);
    remainingColumns(a0, m, start, out0, inner, width, blocked8);
    remainingColumns(a0 + aRow, m, start, out0 + outRow, inner, width, blocked8);
  }
  if (i < n) {
    const a0 = a + <usize>i * aRow;
    const out0 = out + <usize>i * outRow;
    for (let j = 0; j < blocked8; j += 8) eightColumnsOneRow(a0, m, start, out0, outRow, inner, j);
    remainingColumns(a0, m, start, out0, inner, width, blocked8);
  }
}

/** The start values of columns j…j+1, or zeros. */
function startPair(start: usize, column: usize): v128 {
  return start === 0 ? f64x2.splat(0.0) : v128.load(start + column);
}

/** Columns j…j+7 of rows a0 and a0 + aRow (each row of m is `mRow` bytes). */
function eightColumnsTwoRows(
  a0: usize,
  aRow: usize,
  m: usize,
  start: usize,
  out0: usize,
  mRow: usize,
  inner: i32,
  j: i32,
): void {
  const column = (<usize>j) << 3;
  let p0 = startPair(start, column);
  let p1 = startPair(start, column + 16);
  let p2 = startPair(start, column + 32);
  let p3 = startPair(start, column + 48);
  let q0 = p0;
  let q1 = p1;
  let q2 = p2;
  let q3 = p3;
  const aEnd = a0 + ((<usize>inner) << 3);
  let row = m + column;
  for (let ap = a0; ap < aEnd; ap += 8, row += mRow) {
    const u = v128.load64_splat(ap);
    const v = v128.load64_splat(ap + aRow);
    const m0 = v128.load(row);
    const m1 = v128.load(row, 16);
    const m2 = v128.load(row, 32);
    const m3 = v128.load(row, 48);
    p0 = f64x2.add(p0, f64x2.mul(u, m0));
    p1 = f64x2.add(p1, f64x2.mul(u, m1));
    p2 = f64x2.add(p2, f64x2.mul(u, m2));
    p3 = f64x2.add(p3, f64x2.mul(u, m3));
    q0 = f64x2.add(q0, f64x2.mul(v, m0));
    q1 = f64x2.add(q1, f64x2.mul(v, m1));
    q2 = f64x2.add(q2, f64x2.mul(v, m2));
    q3 = f64x2.add(q3, f64x2.mul(v, m3));
  }
  const out1 = out0 + mRow;
  v128.store(out0 + column, p0);
  v128.store(out0 + column, p1, 16);
  v128.store(out0 + column, p2, 32);
  v128.store(out0 + column, p3, 48);
  v128.store(out1 + column, q0);
  v128.store(out1 + column, q1, 16);
  v128.store(out1 + column, q2, 32);
  v128.store(out1 + column, q3, 48);
}

/** Columns j…j+7 of the single row a0 (an odd n's last row). */
function eightColumnsOneRow(a0: usize, m: usize, start: usize, out0: usize, mRow: usize, inner: i32, j: i32): void {
  const column = (<usize>j) << 3;
  let p0 = startPair(start, column);
  let p1 = startPair(start, column + 16);
  let p2 = startPair(start, column + 32);
  let p3 = startPair(start, column + 48);
  const aEnd = a0 + ((<usize>inner) << 3);
  let row = m + column;
  for (let ap = a0; ap < aEnd; ap += 8, row += mRow) {
    const u = v128.load64_splat(ap);
    p0 = f64x2.add(p0, f64x2.mul(u, v128.load(row)));
    p1 = f64x2.add(p1, f64x2.mul(u, v128.load(row, 16)));
    p2 = f64x2.add(p2, f64x2.mul(u, v128.load(row, 32)));
    p3 = f64x2.add(p3, f64x2.mul(u, v128.load(row, 48)));
  }
  v128.store(out0 + column, p0);
  v128.store(out0 + column, p1, 16);
  v128.store(out0 + column, p2, 32);
  v128.store(out0 + column, p3, 48);
}

/** Columns from `from` on of one row: two at a time, then an odd last one. */
function remainingColumns(a0: usize, m: usize, start: usize, out0: usize, inner: i32, width: i32, from: i32): void {
  const mRow = (<usize>width) << 3;
  const aEnd = a0 + ((<usize>inner) << 3);
  const pairs = width & ~1;
  let j = from;
  for (; j < pairs; j += 2) {
    const column = (<usize>j) << 3;
    let s = startPair(start, column);
    let row = m + column;
    for (let ap = a0; ap < aEnd; ap += 8, row += mRow)
      s = f64x2.add(s, f64x2.mul(v128.load64_splat(ap), v128.load(row)));
    v128.store(out0 + column, s);
  }
  if (j < width) {
    const column = (<usize>j) << 3;
    let s = start === 0 ? 0.0 : load<f64>(start + column);
    let row = m + column;
    for (let ap = a0; ap < aEnd; ap += 8, row += mRow) s += load<f64>(ap) * load<f64>(row);
    store<f64>(out0 + column, s);
  }
}

/**
 * dW += xᵀ·dZ and db += Σᵢ dZ, continuing each entry's running sum over rows: every accumulator
 * starts from the gradient's current value rather than from 0, and is stored back without a
 * separate add. So calling this on rows 0…b−1 and then on rows b…n−1 performs exactly the additions
 * of one call on rows 0…n−1, in the same order, which lets the trainer run a big batch in
 * cache-sized blocks of rows. On gradients the caller zeroed, the result is bit for bit
 * dense-kernels.ts's `grads += s` with s summed from 0 over all rows: both sums start from +0, and
 * a sum started from +0 is never −0, so `+0 + s` is exactly s.
 */
export function denseParamGrads(
  x: usize,
  gradZ: usize,
  kernelGrad: usize,
  biasGrad: usize,
  n: i32,
  fanIn: i32,
  fanOut: i32,
): void {
  const zRow = (<usize>fanOut) << 3;
  const gradEnd = gradZ + <usize>n * zRow;
  const pairs = fanOut & ~1;
  let o = 0;
  for (; o < pairs; o += 2) {
    const column = (<usize>o) << 3;
    let s = v128.load(biasGrad + column);
    for (let g = gradZ + column; g < gradEnd; g += zRow) s = f64x2.add(s, v128.load(g));
    v128.store(biasGrad + column, s);
  }
  if (o < fanOut) {
    const column = (<usize>o) << 3;
    let s = load<f64>(biasGrad + column);
    for (let g = gradZ + column; g < gradEnd; g += zRow) s += load<f64>(g);
    store<f64>(biasGrad + column, s);
  }
  const blocked8 = fanOut & ~7;
  let k = 0;
  for (; k + 2 <= fanIn; k += 2) {
    for (let j = 0; j < blocked8; j += 8) kernelGradsEightTwoInputs(x, gradZ, kernelGrad, n, fanIn, fanOut, k, j);
    kernelGradsRemaining(x, gradZ, kernelGrad, n, fanIn, fanOut, k, blocked8);
    kernelGradsRemaining(x, gradZ, kernelGrad, n, fanIn, fanOut, k + 1, blocked8);
  }
  if (k < fanIn) {
    for (let j = 0; j < blocked8; j += 8) kernelGradsEightOneInput(x, gradZ, kernelGrad, n, fanIn, fanOut, k, j);
    kernelGradsRemaining(x, gradZ, kernelGrad, n, fanIn, fanOut, k, blocked8);
  }
  if (pairs < fanOut) lastColumnKernelGrads(x, gradZ, kernelGrad, n, fanIn, fanOut);
}

/** dW[k…k+1, j…j+7]: the dZ vectors loaded for row i serve both inputs. */
function kernelGradsEightTwoInputs(
  x: usize,
  gradZ: usize,
  kernelGrad: usize,
  n: i32,
  fanIn: i32,
  fanOut: i32,
  k: i32,
  j: i32,
): void {
  const zRow = (<usize>fanOut) << 3;
  const xRow = (<usize>fanIn) << 3;
  const column = (<usize>j) << 3;
  const gradEnd = gradZ + <usize>n * zRow;
  const w0 = kernelGrad + <usize>k * zRow + column;
  const w1 = w0 + zRow;
  let p0 = v128.load(w0);
  let p1 = v128.load(w0, 16);
  let p2 = v128.load(w0, 32);
  let p3 = v128.load(w0, 48);
  let q0 = v128.load(w1);
  let q1 = v128.load(w1, 16);
  let q2 = v128.load(w1, 32);
  let q3 = v128.load(w1, 48);
  let xp = x + ((<usize>k) << 3);
  for (let g = gradZ + column; g < gradEnd; g += zRow, xp += xRow) {
    const u = v128.load64_splat(xp);
    const v = v128.load64_splat(xp, 8);
    const g0 = v128.load(g);
    const g1 = v128.load(g, 16);
    const g2 = v128.load(g, 32);
    const g3 = v128.load(g, 48);
    p0 = f64x2.add(p0, f64x2.mul(u, g0));
    p1 = f64x2.add(p1, f64x2.mul(u, g1));
    p2 = f64x2.add(p2, f64x2.mul(u, g2));
    p3 = f64x2.add(p3, f64x2.mul(u, g3));
    q0 = f64x2.add(q0, f64x2.mul(v, g0));
    q1 = f64x2.add(q1, f64x2.mul(v, g1));
    q2 = f64x2.add(q2, f64x2.mul(v, g2));
    q3 = f64x2.add(q3, f64x2.mul(v, g3));
  }
  v128.store(w0, p0);
  v128.store(w0, p1, 16);
  v128.store(w0, p2, 32);
  v128.store(w0, p3, 48);
  v128.store(w1, q0);
  v128.store(w1, q1, 16);
  v128.store(w1, q2, 32);
  v128.store(w1, q3, 48);
}

/** dW[k, j…j+7] for an odd fanIn's last input. */
function kernelGradsEightOneInput(
  x: usize,
  gradZ: usize,
  kernelGrad: usize,
  n: i32,
  fanIn: i32,
  fanOut: i32,
  k: i32,
  j: i32,
): void {
  const zRow = (<usize>fanOut) << 3;
  const xRow = (<usize>fanIn) << 3;
  const column = (<usize>j) << 3;
  const gradEnd = gradZ + <usize>n * zRow;
  const w0 = kernelGrad + <usize>k * zRow + column;
  let p0 = v128.load(w0);
  let p1 = v128.load(w0, 16);
  let p2 = v128.load(w0, 32);
  let p3 = v128.load(w0, 48);
  let xp = x + ((<usize>k) << 3);
  for (let g = gradZ + column; g < gradEnd; g += zRow, xp += xRow) {
    const u = v128.load64_splat(xp);
    p0 = f64x2.add(p0, f64x2.mul(u, v128.load(g)));
    p1 = f64x2.add(p1, f64x2.mul(u, v128.load(g, 16)));
    p2 = f64x2.add(p2, f64x2.mul(u, v128.load(g, 32)));
    p3 = f64x2.add(p3, f64x2.mul(u, v128.load(g, 48)));
  }
  v128.store(w0, p0);
  v128.store(w0, p1, 16);
  v128.store(w0, p2, 32);
  v128.store(w0, p3, 48);
}

/** dW[k, j…] two columns at a time, stopping before an odd last column (see lastColumnKernelGrads). */
function kernelGradsRemaining(
  x: usize,
  gradZ: usize,
  kernelGrad: usize,
  n: i32,
  fanIn: i32,
  fanOut: i32,
  k: i32,
  from: i32,
): void {
  const zRow = (<usize>fanOut) << 3;
  const xRow = (<usize>fanIn) << 3;
  const gradEnd = gradZ + <usize>n * zRow;
  const pairs = fanOut & ~1;
  const w = kernelGrad + <usize>k * zRow;
  for (let j = from; j < pairs; j += 2) {
    const column = (<usize>j) << 3;
    let s = v128.load(w + column);
    let xp = x + ((<usize>k) << 3);
    for (let g = gradZ + column; g < gradEnd; g += zRow, xp += xRow)
      s = f64x2.add(s, f64x2.mul(v128.load64_splat(xp), v128.load(g)));
    v128.store(w + column, s);
  }
}

/**
 * The last column of dW when fanOut is odd (the whole of dW for a single output): adjacent inputs
 * k, k+1 are adjacent in a row of x, so the vector runs across k instead, each lane still summing
 * over i in order.
 */
function lastColumnKernelGrads(x: usize, gradZ: usize, kernelGrad: usize, n: i32, fanIn: i32, fanOut: i32): void {
  const zRow = (<usize>fanOut) << 3;
  const xRow = (<usize>fanIn) << 3;
  const last = (<usize>(fanOut - 1)) << 3;
  const gradEnd = gradZ + <usize>n * zRow;
  const pairs = fanIn & ~1;
  const blocked8 = fanIn & ~7;
  let k = 0;
  for (; k < blocked8; k += 8) {
    const w0 = kernelGrad + <usize>k * zRow + last;
    let s0 = loadColumnPair(w0, zRow);
    let s1 = loadColumnPair(w0 + 2 * zRow, zRow);
    let s2 = loadColumnPair(w0 + 4 * zRow, zRow);
    let s3 = loadColumnPair(w0 + 6 * zRow, zRow);
    let xp = x + ((<usize>k) << 3);
    for (let g = gradZ + last; g < gradEnd; g += zRow, xp += xRow) {
      const gv = v128.load64_splat(g);
      s0 = f64x2.add(s0, f64x2.mul(v128.load(xp), gv));
      s1 = f64x2.add(s1, f64x2.mul(v128.load(xp, 16), gv));
      s2 = f64x2.add(s2, f64x2.mul(v128.load(xp, 32), gv));
      s3 = f64x2.add(s3, f64x2.mul(v128.load(xp, 48), gv));
    }
    storeColumnPair(w0, zRow, s0);
    storeColumnPair(w0 + 2 * zRow, zRow, s1);
    storeColumnPair(w0 + 4 * zRow, zRow, s2);
    storeColumnPair(w0 + 6 * zRow, zRow, s3);
  }
  for (; k < pairs; k += 2) {
    const w0 = kernelGrad + <usize>k * zRow + last;
    let s = loadColumnPair(w0, zRow);
    let xp = x + ((<usize>k) << 3);
    for (let g = gradZ + last; g < gradEnd; g += zRow, xp += xRow) {
      s = f64x2.add(s, f64x2.mul(v128.load(xp), v128.load64_splat(g)));
    }
    storeColumnPair(w0, zRow, s);
  }
  if (k < fanIn) {
    const target = kernelGrad + <usize>k * zRow + last;
    let s = load<f64>(target);
    let xp = x + ((<usize>k) << 3);
    for (let g = gradZ + last; g < gradEnd; g += zRow, xp += xRow) s += load<f64>(xp) * load<f64>(g);
    store<f64>(target, s);
  }
}

/** The values at `at` and `at + stride` as the two lanes of a vector (two entries of one dW column). */
function loadColumnPair(at: usize, stride: usize): v128 {
  return f64x2.replace_lane(v128.load64_splat(at), 1, load<f64>(at + stride));
}

/** Stores the two lanes of `sums` at `at` and `at + stride`. */
function storeColumnPair(at: usize, stride: usize, sums: v128): void {
  store<f64>(at, f64x2.extract_lane(sums, 0));
  store<f64>(at + stride, f64x2.extract_lane(sums, 1));
}

/** Wᵀ [fanOut, fanIn] from W [fanIn, fanOut], refreshed after every update. */
export function transposeKernel(kernel: usize, kernelT: usize, fanIn: i32, fanOut: i32): void {
  const inBytes = (<usize>fanIn) << 3;
  let source = kernel;
  for (let k = 0; k < fanIn; k++) {
    let target = kernelT + ((<usize>k) << 3);
    for (let o = 0; o < fanOut; o++, source += 8, target += inBytes) store<f64>(target, load<f64>(source));
  }
}
