import mediansorted from "@stdlib/stats-base-mediansorted";

/** Repeated timings in seconds: how many, their median and their range. */
export interface Timing {
  readonly runs: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median (@stdlib's, of the sorted samples) and range of repeated timings, in the samples' unit. */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, median: mediansorted(sorted.length, sorted, 1), min: sorted[0]!, max: sorted.at(-1)! };
}
