import { type Classification, finiteJson } from "@rpf/core";

/** What was scored: named in both the table and the JSON. */
export interface ClassEvaluationContext {
  readonly data: string;
  readonly target: string;
  readonly classes: readonly string[];
}

/** Four significant digits: enough to compare runs, short enough to read. */
const show = (value: number): string => String(Number(value.toPrecision(4)));

/** The readable report `rpf evaluate` prints for a categorical model. */
export function formatClassEvaluationTable(evaluation: Classification, context: ClassEvaluationContext): string {
  const classes = context.classes.length <= 10 ? `: ${context.classes.join(", ")}` : "";
  const lines = [
    `${context.data}: ${evaluation.n} rows, target ${context.target}; head categorical, ${evaluation.classCount} classes${classes}`,
    "",
    `accuracy  ${show(evaluation.accuracy)}`,
    `nll       ${show(evaluation.nll)}   (mean −log p of the true class, nats)`,
    `brier     ${show(evaluation.brier)}   (mean Σ_k (p_k − y_k)², 0 to 2)`,
    `ece       ${show(evaluation.ece)}   (${evaluation.reliability.length} equal-width confidence bins)`,
    ...(evaluation.clampedProbabilities > 0
      ? [
          `          ${evaluation.clampedProbabilities} point(s) gave their true class probability 0 (float32 underflow); nll counts it as 2^-126`,
        ]
      : []),
    "",
    `mean entropy ${show(evaluation.entropy)} nats = aleatoric ${show(evaluation.aleatoricEntropy)} + mutual information ${show(evaluation.mutualInformation)} (epistemic)`,
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The JSON report: accuracy, nll, brier, ece, the reliability diagram's bins, the mean entropy,
 * aleatoric_entropy and mutual_information (the CSV columns' names), and what was scored.
 */
export function formatClassEvaluationJson(evaluation: Classification, context: ClassEvaluationContext): string {
  return `${finiteJson(
    {
      ...context,
      head: "categorical",
      n: evaluation.n,
      classCount: evaluation.classCount,
      accuracy: evaluation.accuracy,
      nll: evaluation.nll,
      brier: evaluation.brier,
      ece: evaluation.ece,
      entropy: evaluation.entropy,
      aleatoric_entropy: evaluation.aleatoricEntropy,
      mutual_information: evaluation.mutualInformation,
      clampedProbabilities: evaluation.clampedProbabilities,
      reliability: evaluation.reliability,
    },
    2,
  )}\n`;
}
