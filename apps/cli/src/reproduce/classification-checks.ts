import type { BehaviourCheck } from "./checks.js";

/** One cell's summary numbers, as summary.json lists them. */
export interface ClassificationCellSummary {
  readonly dataset: string;
  readonly cell: string;
  readonly meanMiOnData: number;
  readonly meanMiOnRing: number;
}

const FULL = "prior and bootstrap";
const PLAIN = "no prior, no bootstrap";

/**
 * The ablation's claims as numbers with pass/fail, averaged over the data sets (one set can go
 * against them: on circle every member extends the outer class outwards, so no cell disagrees on
 * the ring; docs/reproduce-classification.md): with priors and bootstrap the members disagree more
 * on the far ring than on the data, and more there than a plain ensemble (neither prior nor
 * bootstrap) does.
 */
export function classificationChecks(cells: readonly ClassificationCellSummary[]): BehaviourCheck[] {
  const average = (cell: string, field: "meanMiOnData" | "meanMiOnRing") => {
    const chosen = cells.filter((c) => c.cell === cell);
    return chosen.reduce((sum, c) => sum + c[field], 0) / chosen.length;
  };
  const fullRing = average(FULL, "meanMiOnRing");
  const fullData = average(FULL, "meanMiOnData");
  const plainRing = average(PLAIN, "meanMiOnRing");
  return [
    {
      name: "with prior and bootstrap, mean MI on the ring exceeds mean MI on the data (averaged over the sets)",
      pass: fullRing > fullData,
      detail: `${fullRing.toFixed(4)} vs ${fullData.toFixed(4)} nats`,
    },
    {
      name: "mean MI on the ring is higher with prior and bootstrap than with neither (averaged over the sets)",
      pass: fullRing > plainRing,
      detail: `${fullRing.toFixed(4)} vs ${plainRing.toFixed(4)} nats`,
    },
  ];
}
