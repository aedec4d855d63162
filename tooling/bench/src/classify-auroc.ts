import ranks from "@stdlib/stats-ranks";

/**
 * The area under the ROC curve of a score that should be higher for `positive` than for `negative`
 * examples: P(s₊ > s₋) + ½·P(s₊ = s₋) over all pairs, 1 for perfect separation, ½ for none. Computed
 * as the Mann–Whitney U statistic (Hanley & McNeil 1982): rank all scores together with @stdlib's
 * ranks (ties share their average rank, which gives each tied pair the ½), then
 * U = Σ ranks of the positives − n₊(n₊ + 1)/2 and AUROC = U / (n₊·n₋).
 * @throws {RangeError} when either side is empty or a score is not finite.
 */
export function auroc(positive: ArrayLike<number>, negative: ArrayLike<number>): number {
  if (positive.length === 0 || negative.length === 0)
    throw new RangeError(
      `AUROC needs at least one positive and one negative score, got ${positive.length} and ${negative.length}`,
    );
  const scores = [...Array.from(positive), ...Array.from(negative)];
  const bad = scores.findIndex((s) => !Number.isFinite(s));
  if (bad >= 0) throw new RangeError(`AUROC needs finite scores; score ${bad} is ${scores[bad]}`);
  const ranked = ranks(scores, { method: "average" });
  let positiveRanks = 0;
  for (let i = 0; i < positive.length; i++) positiveRanks += ranked[i]!;
  const n = positive.length;
  return (positiveRanks - (n * (n + 1)) / 2) / (n * negative.length);
}
