import { UQ_METRICS, type UqScores } from "./uq-metrics.js";
import type { SplitScore } from "./uq-protocol.js";

/** Mean and standard deviation of one metric over the splits. */
export interface MeanStd {
  readonly mean: number;
  /** The sample standard deviation over splits (n − 1), as the UCI tables report; 0 for one split. */
  readonly std: number;
}

export type ScoreSummary = { readonly [K in keyof UqScores]: MeanStd } & {
  readonly splits: number;
  readonly totalSeconds: number;
};

function meanStd(values: readonly number[]): MeanStd {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const squares = values.reduce((a, b) => a + (b - mean) ** 2, 0);
  return { mean, std: values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0 };
}

/** Each metric's mean ± std over the splits, and the total wall seconds. */
export function summarizeScores(scores: readonly SplitScore[]): ScoreSummary {
  const entries = UQ_METRICS.map((metric) => [metric, meanStd(scores.map((score) => score[metric]))]);
  return {
    ...(Object.fromEntries(entries) as { [K in keyof UqScores]: MeanStd }),
    splits: scores.length,
    totalSeconds: scores.reduce((sum, score) => sum + score.seconds, 0),
  };
}
