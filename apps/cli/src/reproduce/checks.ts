import type { SpreadSummary } from "./spread.js";

export interface BehaviourCheck {
  readonly name: string;
  readonly pass: boolean;
  readonly detail: string;
}

/** The notebook's claims ("what the figures show"), as numbers with pass/fail. */
export const FAR_OVER_INSIDE_THRESHOLD = 5;

export function behaviourChecks(
  ensemble: SpreadSummary,
  sweep: readonly (SpreadSummary & { beta: number })[],
  ablation: readonly (SpreadSummary & { cell: string })[],
): BehaviourCheck[] {
  const ratio = ensemble.stdFarFromData / ensemble.stdInsideData;
  const growing = sweep.every((s, i) => i === 0 || s.stdFarFromData > sweep[i - 1]!.stdFarFromData);
  const smallest = [...ablation].sort((a, b) => a.stdFarFromData - b.stdFarFromData)[0]!;
  return [
    {
      name: "spread far from the data is at least 5x the spread inside it (beta = 3)",
      pass: ratio >= FAR_OVER_INSIDE_THRESHOLD,
      detail: `far/inside = ${ratio.toFixed(2)} (${ensemble.stdFarFromData.toFixed(4)} / ${ensemble.stdInsideData.toFixed(4)})`,
    },
    {
      name: "spread far from the data grows with beta",
      pass: growing,
      detail: sweep.map((s) => `beta ${s.beta}: ${s.stdFarFromData.toFixed(4)}`).join(", "),
    },
    {
      name: 'the "no prior, no bootstrap" cell has the smallest far-from-data spread',
      pass: smallest.cell === "no prior, no bootstrap",
      detail: ablation.map((a) => `${a.cell}: ${a.stdFarFromData.toFixed(4)}`).join(", "),
    },
  ];
}
