import type { Dataset } from "../data/dataset.js";

/**
 * a's rows followed by b's in every block of [blocks, rows, width] arrays: [blocks, aRows + bRows, width].
 */
export function concatenateBlocks(
  a: Float32Array,
  aRows: number,
  b: Float32Array,
  bRows: number,
  blocks: number,
  width: number,
): Float32Array {
  const rows = aRows + bRows;
  const out = new Float32Array(blocks * rows * width);
  for (let k = 0; k < blocks; k++) {
    out.set(a.subarray(k * aRows * width, (k + 1) * aRows * width), k * rows * width);
    out.set(b.subarray(k * bRows * width, (k + 1) * bRows * width), (k * rows + aRows) * width);
  }
  return out;
}

/**
 * A new dataset holding a's rows then b's (copies), with each member's targets joined the same way
 * when both have per-member targets. The caller has checked that a and b have the same widths and
 * that both or neither have per-member targets.
 */
export function appendRows(a: Dataset, b: Dataset, members: number): Dataset {
  const { inputSize, outputSize } = a;
  return {
    x: concatenateBlocks(a.x, a.n, b.x, b.n, 1, inputSize),
    y: concatenateBlocks(a.y, a.n, b.y, b.n, 1, outputSize),
    n: a.n + b.n,
    inputSize,
    outputSize,
    ...(a.yByMember && b.yByMember
      ? { yByMember: concatenateBlocks(a.yByMember, a.n, b.yByMember, b.n, members, outputSize) }
      : {}),
  };
}
