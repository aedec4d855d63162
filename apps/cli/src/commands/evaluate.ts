import { join } from "node:path";
import {
  calibratedInterval,
  DataError,
  evaluate,
  InvalidArgumentError,
  labelledDataFromCsv,
  type ModelData,
} from "@rpf/core";
import type { Command } from "commander";
import { writeFileAtomically } from "../atomic-write.js";
import { registerBackendsFor } from "../backends.js";
import { MAX_CSV_BYTES } from "../data-source.js";
import { formatEvaluationJson, formatEvaluationTable } from "../evaluation-report.js";
import { readModelFile, readTextFile, writeOutput } from "../files.js";
import { defineOption } from "../option-definition.js";
import { folderPath } from "../option-parsers.js";
import { predictWithModel } from "../predict-with-model.js";
import { readName, STDIO_PATH } from "../stdio.js";

interface EvaluateCommandOptions {
  model: string;
  data: string;
  yCol?: string;
  json?: boolean;
  figures?: string;
  backend: string;
  quiet?: boolean;
}

/**
 * The test data, read as training and prediction read theirs: inputs matched to the model's
 * recorded columns by name (other columns ignored), the target by name; a model without names
 * takes every column but the target, in order.
 */
async function readTestData(options: EvaluateCommandOptions, model: ModelData) {
  const source = readName(options.data);
  const yCol = options.yCol ?? model.columns?.y;
  const data = labelledDataFromCsv(
    await readTextFile(options.data, MAX_CSV_BYTES),
    { ...(model.columns ? { modelColumns: model.columns.x } : {}), ...(yCol === undefined ? {} : { yCol }) },
    source,
  );
  if (data.inputSize !== model.spec.inputSize) {
    throw new InvalidArgumentError(
      `${source} gives ${data.inputSize} input columns besides the target ${data.yCol} (${data.xCols.join(", ")}); the model takes ${model.spec.inputSize} and recorded no column names, so the file must hold exactly its inputs and the target`,
      { field: "data", accepted: `${model.spec.inputSize} input columns and the target` },
    );
  }
  if (data.n < 2) {
    throw new DataError(`${source} has ${data.n} data row; evaluation needs at least 2`, {
      where: source,
      accepted: "2 or more data rows",
    });
  }
  return { ...data, source };
}

/** Both figures rendered before either is written, so a failure leaves nothing behind. */
async function writeFigures(dir: string, evaluation: ReturnType<typeof evaluate>): Promise<void> {
  const [{ renderFigure }, { calibrationFigure, pitHistogramFigure }] = await Promise.all([
    import("../figures/render.js"),
    import("../figures/evaluation-specs.js"),
  ]);
  const figures = [
    ["pit-histogram", await renderFigure(pitHistogramFigure(evaluation.pit))],
    ["calibration", await renderFigure(calibrationFigure(evaluation.calibration))],
  ] as const;
  for (const [name, { svg, png }] of figures) {
    await writeFileAtomically(join(dir, `${name}.svg`), svg);
    await writeFileAtomically(join(dir, `${name}.png`), png);
  }
}

async function runEvaluate(options: EvaluateCommandOptions): Promise<void> {
  if (options.model === STDIO_PATH && options.data === STDIO_PATH) {
    throw new InvalidArgumentError("--model - and --data - both read stdin; give one of them as a file", {
      field: "data",
    });
  }
  await registerBackendsFor(options.backend, "infer");
  const model = await readModelFile(options.model);
  if (model.spec.outputSize !== 1)
    throw new InvalidArgumentError(
      `rpf evaluate scores one target column; this model has ${model.spec.outputSize} outputs (use the library's evaluate for several)`,
      { field: "model" },
    );
  const data = await readTestData(options, model);
  const prediction = await predictWithModel(model, data.x, options);
  // A conformal model scores its own intervals (their guarantee is what evaluate should check);
  // std-scaling needs nothing here because predict already scaled the std.
  const calibration = model.calibration?.kind === "conformal" ? model.calibration : null;
  const evaluation = evaluate(
    prediction,
    data.y,
    calibration ? { interval: (level) => calibratedInterval(calibration, prediction.mean, prediction.std, level) } : {},
  );
  const context = { data: data.source, target: data.yCol, head: model.spec.head };
  const report = options.json ? formatEvaluationJson(evaluation, context) : formatEvaluationTable(evaluation, context);
  if (options.figures !== undefined) await writeFigures(options.figures, evaluation);
  await writeOutput(STDIO_PATH, report);
}

/** Adds `rpf evaluate`'s options and action to `command`; "-" means stdin for --model or --data. */
export function defineEvaluateCommand(command: Command): void {
  command
    .requiredOption("--model <file>", "an rpf model file (from rpf train) or an ONNX file exported by rpf; - for stdin")
    .requiredOption(
      "--data <file>",
      "test data: a CSV with a header row holding the model's inputs and the target; - for stdin",
    )
    .addOption(
      defineOption("--y-col <name>", "the target column of --data", {
        unset: "the model's training target, else the last column",
      }),
    )
    .option("--json", "print the metrics as JSON (rmse, mae, nll, crps, coverage and width by level, …)")
    .addOption(
      defineOption("--figures <dir>", "also write a PIT histogram and a calibration curve there (SVG and PNG)", {
        parse: folderPath,
        unset: "no figures",
      }),
    )
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .option("-q, --quiet", "no notes on stderr (errors still go there)")
    .action((options: EvaluateCommandOptions) => runEvaluate(options));
}
