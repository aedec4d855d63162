import { type Evaluation, finiteJson, type HeadName, pitHistogram } from "@rpf/core";
import { PIT_BINS } from "./figures/evaluation-specs.js";

/** What was scored: named in both the table and the JSON. */
export interface EvaluationContext {
  readonly data: string;
  readonly target: string;
  readonly head: HeadName;
}

/** Four significant digits: enough to compare runs, short enough to read. */
const show = (value: number): string => String(Number(value.toPrecision(4)));
const percent = (fraction: number): string => `${Number((100 * fraction).toPrecision(3))}%`;

/** What the std in NLL, CRPS and the intervals is, for the reader of the table. */
function describeStd(evaluation: Evaluation, head: HeadName): string {
  return evaluation.predictiveStd === "aleatoric+epistemic"
    ? `head ${head}: std = √(aleatoric² + epistemic²)`
    : `head ${head}: std is epistemic only (the members predict no noise), so nll, crps and coverage judge the members' spread alone`;
}

/** The readable report `rpf evaluate` prints by default. */
export function formatEvaluationTable(evaluation: Evaluation, context: EvaluationContext): string {
  const interval = evaluation.intervals === "supplied" ? "the model's calibrated intervals" : "Gaussian intervals";
  const lines = [
    `${context.data}: ${evaluation.n} rows, target ${context.target}; ${describeStd(evaluation, context.head)}`,
    "",
    `rmse  ${show(evaluation.rmse)}`,
    `mae   ${show(evaluation.mae)}`,
    `nll   ${show(evaluation.nll)}   (per point, of N(mean, std²), in ${context.target}'s units)`,
    `crps  ${show(evaluation.crps)}`,
    "",
    `level  coverage  width   (central ${interval})`,
    ...Object.keys(evaluation.coverage).map(
      (level) =>
        `${percent(Number(level)).padStart(5)}  ${show(evaluation.coverage[level]!).padStart(8)}  ${show(evaluation.width[level]!)}`,
    ),
    "",
    `mean aleatoric std ${show(evaluation.aleatoricStd)}, mean epistemic std ${show(evaluation.epistemicStd)} (aleatoric share of the variance ${percent(evaluation.aleatoricShare)})`,
  ];
  return `${lines.join("\n")}\n`;
}

/**
 * The JSON report: the metrics under their usual short names (rmse, mae, nll, crps, coverage and
 * width keyed by level), the split, the calibration curve and the PIT histogram's counts.
 */
export function formatEvaluationJson(evaluation: Evaluation, context: EvaluationContext): string {
  const { pit, outputs: _perOutput, outputSize: _one, ...scores } = evaluation;
  return `${finiteJson({ ...context, ...scores, pitHistogram: pitHistogram(pit, PIT_BINS) }, 2)}\n`;
}
