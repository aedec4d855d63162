import {
  CALIBRATION_KINDS,
  type CalibrationKind,
  DEFAULT_PRIOR_SCALE_GRID,
  DEFAULT_WEIGHT_DECAY_GRID,
  type GridSpec,
  InvalidArgumentError,
  type TrainingReport,
  type ValidationOptions,
  validationCount,
} from "@rpf/core";
import type { Command } from "commander";
import { defineOption } from "../option-definition.js";
import { finiteNumber, integerAtLeast } from "../option-parsers.js";

/** `rpf train`'s options for validation, early stopping, the β / weight-decay search and calibration. */
export interface ValidationCliOptions {
  validation?: number;
  patience?: number;
  beta: number | "auto";
  weightDecay: number | "auto";
  betaGrid: number[];
  weightDecayGrid: number[];
  calibrate: CalibrationKind | "none";
}

/** These options' names, as commander keys them: a resumed run (which keeps no validation) refuses them. */
export const VALIDATION_OPTION_NAMES = ["validation", "patience", "betaGrid", "weightDecayGrid", "calibrate"] as const;

const nonNegative = finiteNumber((v) => v >= 0, ">= 0");

/** "auto", or what `parse` makes of the text. */
export function autoOr(parse: (value: string) => number): (value: string) => number | "auto" {
  return (value) => (value.trim() === "auto" ? "auto" : parse(value));
}

/** Comma-separated numbers >= 0; an empty text is an empty grid (refused where it is used, saying so). */
export function numberGrid(value: string): number[] {
  return value.trim() === "" ? [] : value.split(",").map((part) => nonNegative(part));
}

/** The parser of --beta and --weight-decay: a number >= 0, or "auto" (chosen on the validation rows). */
export const numberOrAuto = autoOr(nonNegative);

/** Adds the options to `rpf train` (after its own; --beta and --weight-decay take numberOrAuto). */
export function defineValidationOptions(command: Command): void {
  command
    .addOption(
      defineOption(
        "--validation <fraction>",
        "hold out this fraction of the rows, drawn from --seed and never trained on, to score the model (Gaussian head: NLL; mse head: MSE), stop early, choose β and calibrate",
        { parse: finiteNumber((v) => v > 0 && v < 1, "in (0, 1)"), unset: "none held out" },
      ),
    )
    .addOption(
      defineOption(
        "--patience <epochs>",
        "with --validation: stop once the validation score has not improved for this many epochs, and keep the best epoch's weights",
        { parse: integerAtLeast(1), unset: "train every epoch" },
      ),
    )
    .addOption(
      defineOption("--beta-grid <values>", "the β candidates of --beta auto, comma-separated", {
        parse: numberGrid,
        default: DEFAULT_PRIOR_SCALE_GRID.join(","),
      }),
    )
    .addOption(
      defineOption("--weight-decay-grid <values>", "the candidates of --weight-decay auto, comma-separated", {
        parse: numberGrid,
        default: DEFAULT_WEIGHT_DECAY_GRID.join(","),
      }),
    )
    .addOption(
      defineOption(
        "--calibrate <method>",
        "fit on the validation rows: std-scaling (one factor on the std) or conformal (intervals with coverage >= the level, docs/uncertainty.md)",
        { choices: ["none", ...CALIBRATION_KINDS], default: "none" },
      ),
    );
}

/** What the options ask of training: a validation split for Ensemble.fit and a grid for searchGrid. */
export interface ValidationPlan {
  readonly validation?: ValidationOptions;
  readonly grid?: GridSpec;
}

/**
 * Checks that the options fit together and turns them into a plan.
 * @throws InvalidArgumentError for --patience, --calibrate or an "auto" without --validation, and
 *   for a grid given without its "auto".
 */
export function validationPlan(options: ValidationCliOptions, command: Command): ValidationPlan {
  const needsValidation = [
    options.patience !== undefined ? "--patience stops on the validation score" : null,
    options.calibrate !== "none" ? "--calibrate fits on the held-out rows" : null,
    options.beta === "auto" ? "--beta auto chooses by validation score" : null,
    options.weightDecay === "auto" ? "--weight-decay auto chooses by validation score" : null,
  ].find((reason) => reason !== null);
  if (needsValidation && options.validation === undefined) {
    throw new InvalidArgumentError(`${needsValidation}: add --validation FRACTION (e.g. 0.1)`, {
      field: "validation",
    });
  }
  for (const [grid, auto, flag] of [
    ["betaGrid", options.beta, "--beta"],
    ["weightDecayGrid", options.weightDecay, "--weight-decay"],
  ] as const) {
    if (command.getOptionValueSource(grid) === "cli" && auto !== "auto") {
      throw new InvalidArgumentError(`${flag}-grid lists the candidates of ${flag} auto; add ${flag} auto`, {
        field: grid,
      });
    }
    if (auto === "auto" && options[grid].length === 0) {
      throw new InvalidArgumentError(`${flag}-grid is empty: ${flag} auto needs at least one candidate, e.g. 0,1,3`, {
        field: grid,
        accepted: "comma-separated numbers >= 0",
      });
    }
  }
  if (options.validation === undefined) return {};
  const validation: ValidationOptions = {
    fraction: options.validation,
    ...(options.patience !== undefined ? { patience: options.patience } : {}),
    ...(options.calibrate !== "none" ? { calibrate: options.calibrate } : {}),
  };
  const grid: GridSpec = {
    ...(options.beta === "auto" ? { priorScale: options.betaGrid } : {}),
    ...(options.weightDecay === "auto" ? { weightDecay: options.weightDecayGrid } : {}),
  };
  return Object.keys(grid).length > 0 ? { validation, grid } : { validation };
}

/**
 * Checks a plan against the run before anything is printed or written.
 * @throws InvalidArgumentError when the split leaves fewer than 2 rows on a side (validationCount),
 *   or with checkpoints, which do not record the validation state.
 */
export function checkValidationRun(plan: ValidationPlan, rows: number, checkpoints: boolean): void {
  if (!plan.validation) return;
  if (checkpoints) {
    throw new InvalidArgumentError(
      "--validation cannot be combined with checkpoints (--checkpoint-every) yet: train without them",
      { field: "validation" },
    );
  }
  validationCount(rows, plan.validation.fraction);
}

/** The spec's value for a searched option before the search sets it: the grid's first candidate. */
export function specValue(value: number | "auto", grid: readonly number[]): number {
  return value === "auto" ? (grid[0] ?? 0) : value;
}

/** Lines for the text summary: the validation score, the epochs, every grid candidate, the calibration. */
export function describeValidation(report: TrainingReport, calibration: string | null): string[] {
  const validation = report.validation;
  if (!validation) return [];
  const stopped =
    validation.stoppedEpoch > validation.bestEpoch
      ? `; stopped at epoch ${validation.stoppedEpoch}, kept epoch ${validation.bestEpoch}`
      : "";
  const lines = [
    `validation: ${validation.count} rows (${validation.fraction}), ${validation.metric} ${validation.score.toPrecision(5)} at epoch ${validation.bestEpoch}${stopped}`,
  ];
  const search = validation.search;
  if (search) {
    for (const [i, c] of search.candidates.entries()) {
      lines.push(
        `  ${i === search.chosen ? "*" : " "} β ${c.priorScale}, weight decay ${c.weightDecay}: ${validation.metric} ${c.score.toPrecision(5)} (epoch ${c.bestEpoch})`,
      );
    }
  }
  if (calibration) lines.push(`calibration: ${calibration}, fitted on the validation rows`);
  return lines;
}
