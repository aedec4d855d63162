/**
 * z = a·W + b for prediction, on buffers that interleave rows in pairs: value (i, j) of an
 * [n, width] matrix sits at ((i >> 1)·width + j)·2 + (i & 1), so one f64x2 holds column j of
 * rows 2p and 2p + 1. Each lane then sums exactly as dense-kernels.ts does for its row (bias
 * first, then k = 0, 1, … with separate multiply and add), whatever the width: a single output
 * column is as vectorised as a wide one, which the row-major kernels in dense.ts can only do
 * with a scalar chain per row. The activation that follows pairs the same column of two rows, and
 * on rows that are neighbours in a sorted grid those two values usually share their sign, which
 * lets ELU skip its exponential for more of the pairs.
 *
 * Two row pairs go through together, four columns at a time, so each loaded weight serves both
 * pairs and each loaded input four columns; then single columns; then an odd last pair alone.
 */

/** z = a·W + b over `pairs` row pairs: a [pairs, fanIn, 2], W [fanIn, fanOut], z [pairs, fanOut, 2]. */
export function pairedDenseForward(
  a: usize,
  kernel: usize,
  bias: usize,
  z: usize,
  pairs: i32,
  fanIn: i32,
  fanOut: i32,
): void {
  const aPair = (<usize>fanIn) << 4;
  const zPair = (<usize>fanOut) << 4;
  const blocked4 = fanOut & ~3;
  let p = 0;
  for (; p + 2 <= pairs; p += 2) {
    const a0 = a + <usize>p * aPair;
    const z0 = z + <usize>p * zPair;
    for (let j = 0; j < blocked4; j += 4) fourColumnsTwoPairs(a0, aPair, kernel, bias, z0, zPair, fanIn, fanOut, j);
    for (let j = blocked4; j < fanOut; j++) oneColumnTwoPairs(a0, aPair, kernel, bias, z0, zPair, fanIn, fanOut, j);
  }
  if (p < pairs) {
    const a0 = a + <usize>p * aPair;
    const z0 = z + <usize>p * zPair;
    for (let j = 0; j < blocked4; j += 4) fourColumnsOnePair(a0, kernel, bias, z0, fanIn, fanOut, j);
    for (let j = blocked4; j < fanOut; j++) oneColumnOnePair(a0, kernel, bias, z0, fanIn, fanOut, j);
  }
}

/** Columns j…j+3 of the row pairs at a0 and a0 + aPair. */
function fourColumnsTwoPairs(
  a0: usize,
  aPair: usize,
  kernel: usize,
  bias: usize,
  z0: usize,
  zPair: usize,
  fanIn: i32,
  fanOut: i32,
  j: i32,
): void {
  const column = (<usize>j) << 3;
  let p0 = v128.load64_splat(bias + column);
  let p1 = v128.load64_splat(bias + column, 8);
  let p2 = v128.load64_splat(bias + column, 16);
  let p3 = v128.load64_splat(bias + column, 24);
  let q0 = p0;
  let q1 = p1;
  let q2 = p2;
  let q3 = p3;
  const kernelRow = (<usize>fanOut) << 3;
  const aEnd = a0 + ((<usize>fanIn) << 4);
  let w = kernel + column;
  for (let ap = a0; ap < aEnd; ap += 16, w += kernelRow) {
    const u = v128.load(ap);
    const v = v128.load(ap + aPair);
    const w0 = v128.load64_splat(w);
    const w1 = v128.load64_splat(w, 8);
    const w2 = v128.load64_splat(w, 16);
    const w3 = v128.load64_splat(w, 24);
    p0 = f64x2.add(p0, f64x2.mul(u, w0));
    p1 = f64x2.add(p1, f64x2.mul(u, w1));
    p2 = f64x2.add(p2, f64x2.mul(u, w2));
    p3 = f64x2.add(p3, f64x2.mul(u, w3));
    q0 = f64x2.add(q0, f64x2.mul(v, w0));
    q1 = f64x2.add(q1, f64x2.mul(v, w1));
    q2 = f64x2.add(q2, f64x2.mul(v, w2));
    q3 = f64x2.add(q3, f64x2.mul(v, w3));
  }
  const out0 = z0 + ((<usize>j) << 4);
  const out1 = out0 + zPair;
  v128.store(out0, p0);
  v128.store(out0, p1, 16);
  v128.store(out0, p2, 32);
  v128.store(out0, p3, 48);
  v128.store(out1, q0);
  v128.store(out1, q1, 16);
  v128.store(out1, q2, 32);
  v128.store(out1, q3, 48);
}

/** Column j of the row pairs at a0 and a0 + aPair. */
function oneColumnTwoPairs(
  a0: usize,
  aPair: usize,
  kernel: usize,
  bias: usize,
  z0: usize,
  zPair: usize,
  fanIn: i32,
  fanOut: i32,
  j: i32,
): void {
  const column = (<usize>j) << 3;
  let p = v128.load64_splat(bias + column);
  let q = p;
  const kernelRow = (<usize>fanOut) << 3;
  const aEnd = a0 + ((<usize>fanIn) << 4);
  let w = kernel + column;
  for (let ap = a0; ap < aEnd; ap += 16, w += kernelRow) {
    const wj = v128.load64_splat(w);
    p = f64x2.add(p, f64x2.mul(v128.load(ap), wj));
    q = f64x2.add(q, f64x2.mul(v128.load(ap + aPair), wj));
  }
  const out0 = z0 + ((<usize>j) << 4);
  v128.store(out0, p);
  v128.store(out0 + zPair, q);
}

/** Columns j…j+3 of the single row pair at a0 (an odd number of pairs' last one). */
function fourColumnsOnePair(a0: usize, kernel: usize, bias: usize, z0: usize, fanIn: i32, fanOut: i32, j: i32): void {
  const column = (<usize>j) << 3;
  let p0 = v128.load64_splat(bias + column);
  let p1 = v128.load64_splat(bias + column, 8);
  let p2 = v128.load64_splat(bias + column, 16);
  let p3 = v128.load64_splat(bias + column, 24);
  const kernelRow = (<usize>fanOut) << 3;
  const aEnd = a0 + ((<usize>fanIn) << 4);
  let w = kernel + column;
  for (let ap = a0; ap < aEnd; ap += 16, w += kernelRow) {
    const u = v128.load(ap);
    p0 = f64x2.add(p0, f64x2.mul(u, v128.load64_splat(w)));
    p1 = f64x2.add(p1, f64x2.mul(u, v128.load64_splat(w, 8)));
    p2 = f64x2.add(p2, f64x2.mul(u, v128.load64_splat(w, 16)));
    p3 = f64x2.add(p3, f64x2.mul(u, v128.load64_splat(w, 24)));
  }
  const out0 = z0 + ((<usize>j) << 4);
  v128.store(out0, p0);
  v128.store(out0, p1, 16);
  v128.store(out0, p2, 32);
  v128.store(out0, p3, 48);
}

/** Column j of the single row pair at a0. */
function oneColumnOnePair(a0: usize, kernel: usize, bias: usize, z0: usize, fanIn: i32, fanOut: i32, j: i32): void {
  const column = (<usize>j) << 3;
  let p = v128.load64_splat(bias + column);
  const kernelRow = (<usize>fanOut) << 3;
  const aEnd = a0 + ((<usize>fanIn) << 4);
  let w = kernel + column;
  for (let ap = a0; ap < aEnd; ap += 16, w += kernelRow)
    p = f64x2.add(p, f64x2.mul(v128.load(ap), v128.load64_splat(w)));
  v128.store(z0 + ((<usize>j) << 4), p);
}
