import type { StandardizeMode } from "../spec/names.js";
import { columnScale, identityStandardizer, type Standardizer } from "./standardizer.js";
import type { StreamChunk } from "./stream-chunks.js";

/** Running per-column mean and sum of squared deviations (Welford 1962), in float64. */
class ColumnMoments {
  readonly mean: Float64Array;
  private readonly squares: Float64Array;
  private count = 0;

  constructor(width: number) {
    this.mean = new Float64Array(width);
    this.squares = new Float64Array(width);
  }

  add(values: Float32Array, n: number): void {
    const width = this.mean.length;
    for (let i = 0; i < n; i++) {
      this.count += 1;
      for (let c = 0; c < width; c++) {
        const value = values[i * width + c]!;
        const delta = value - this.mean[c]!;
        this.mean[c]! += delta / this.count;
        this.squares[c]! += delta * (value - this.mean[c]!);
      }
    }
  }

  scales(): number[] {
    return Array.from(this.squares, (s) => columnScale(Math.sqrt(s / this.count)));
  }
}

/**
 * The standardizer fitStandardizer would fit on all the rows of a pass, from one pass over its
 * chunks: per-column means and population standard deviations (÷ n) by Welford's update in
 * float64 (B. P. Welford 1962, "Note on a method for calculating corrected sums of squares and
 * products"), which holds one running value per column instead of the rows. It agrees with
 * fitStandardizer's two-pass sums to about 1e-12 relative, not bit for bit (the sums differ in
 * order). x's maps for "x" and "xy", y's for "xy" only; the other maps stay the identity.
 */
export async function fitStreamStandardizer(
  chunks: AsyncIterable<StreamChunk>,
  mode: StandardizeMode,
  inputSize: number,
  outputSize: number,
): Promise<Standardizer> {
  const identity = identityStandardizer(inputSize, outputSize);
  if (mode === "none") return identity;
  const xs = new ColumnMoments(inputSize);
  const ys = new ColumnMoments(outputSize);
  for await (const { data } of chunks) {
    xs.add(data.x, data.n);
    if (mode === "xy") ys.add(data.y, data.n);
  }
  return {
    xMean: Array.from(xs.mean),
    xScale: xs.scales(),
    ...(mode === "xy"
      ? { yMean: Array.from(ys.mean), yScale: ys.scales() }
      : { yMean: identity.yMean, yScale: identity.yScale }),
  };
}
