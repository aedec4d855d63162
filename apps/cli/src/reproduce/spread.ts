import type { Prediction } from "@rpf/core";

/** Where the ensemble's spread is measured: inside the data's x range, and far from it. */
export const INSIDE_DATA = { from: 0, to: 0.5 } as const;
export const FAR_FROM_DATA = 2;

export interface SpreadSummary {
  /** Mean predictive std over grid points with 0 <= x <= 0.5. */
  readonly stdInsideData: number;
  /** Mean predictive std over grid points with |x| > 2. */
  readonly stdFarFromData: number;
}

export function spreadSummary(grid: Float32Array, prediction: Prediction): SpreadSummary {
  let inside = 0;
  let insideCount = 0;
  let far = 0;
  let farCount = 0;
  grid.forEach((x, i) => {
    const std = prediction.std[i]!;
    if (x >= INSIDE_DATA.from && x <= INSIDE_DATA.to) {
      inside += std;
      insideCount += 1;
    }
    if (Math.abs(x) > FAR_FROM_DATA) {
      far += std;
      farCount += 1;
    }
  });
  return { stdInsideData: inside / insideCount, stdFarFromData: far / farCount };
}
