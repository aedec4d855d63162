import { join } from "node:path";
import {
  type Classification,
  calibratedInterval,
  classIndicesOf,
  DataError,
  evaluate,
  evaluateClasses,
  InvalidArgumentError,
  labelledDataFromCsv,
  labelledTextFromCsv,
  type ModelData,
} from "@rpf/core";
import type { Command } from "commander";
import { writeFileAtomically } from "../atomic-write.js";
import { registerBackendsFor } from "../backends.js";
import { formatClassEvaluationJson, formatClassEvaluationTable } from "../class-evaluation-report.js";
import { MAX_CSV_BYTES } from "../data-source.js";
import { formatEvaluationJson, formatEvaluationTable } from "../evaluation-report.js";
import { readModelFile, readTextFile, writeOutput } from "../files.js";
import { defineOption } from "../option-definition.js";
import { folderPath } from "../option-parsers.js";
import { predictClassesWithModel, predictWithModel } from "../predict-with-model.js";
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
 * A model without recorded column names takes every column but the target, so the file must hold
 * exactly its inputs and the target.
 * @throws {InvalidArgumentError} when it holds another number of columns.
 */
function checkInputCount(data: { inputSize: number; xCols: string[]; yCol: string }, model: ModelData, source: string) {
  if (data.inputSize !== model.spec.inputSize) {
    throw new InvalidArgumentError(
      `${source} gives ${data.inputSize} input columns besides the target ${data.yCol} (${data.xCols.join(", ")}); the model takes ${model.spec.inputSize} and recorded no column names, so the file must hold exactly its inputs and the target`,
      { field: "data", accepted: `${model.spec.inputSize} input columns and the target` },
    );
  }
}

/** Which columns the test data's inputs and target are: the model's, unless --y-col names the target. */
function testColumns(options: EvaluateCommandOptions, model: ModelData) {
  const yCol = options.yCol ?? model.columns?.y;
  return { ...(model.columns ? { modelColumns: model.columns.x } : {}), ...(yCol === undefined ? {} : { yCol }) };
}

/**
 * The test data, read as training and prediction read theirs: inputs matched to the model's
 * recorded columns by name (other columns ignored), the target by name; a model without names
 * takes every column but the target, in order.
 */
async function readTestData(options: EvaluateCommandOptions, model: ModelData) {
  const source = readName(options.data);
  const text = await readTextFile(options.data, MAX_CSV_BYTES);
  const data = labelledDataFromCsv(text, testColumns(options, model), source);
  checkInputCount(data, model, source);
  if (data.n < 2) {
    throw new DataError(`${source} has ${data.n} data row; evaluation needs at least 2`, {
      where: source,
      accepted: "2 or more data rows",
    });
  }
  return { ...data, source };
}

/**
 * A categorical model's test data: the target read as labels and mapped to the model's classes.
 * @throws {DataError} for a label the model never saw, naming it and its line.
 */
async function readClassTestData(options: EvaluateCommandOptions, model: ModelData, classes: readonly string[]) {
  const source = readName(options.data);
  const text = await readTextFile(options.data, MAX_CSV_BYTES);
  const data = labelledTextFromCsv(text, testColumns(options, model), source);
  checkInputCount({ ...data, inputSize: data.xCols.length }, model, source);
  const where = { source, column: data.yCol, lines: data.lines };
  return { ...data, source, classIndex: classIndicesOf(data.labels, classes, where) };
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

/** The reliability diagram, rendered before it is written, so a failure leaves nothing behind. */
async function writeReliabilityFigure(dir: string, evaluation: Classification): Promise<void> {
  const [{ renderFigure }, { reliabilityFigure }] = await Promise.all([
    import("../figures/render.js"),
    import("../figures/reliability-spec.js"),
  ]);
  const { svg, png } = await renderFigure(reliabilityFigure(evaluation.reliability, evaluation.ece));
  await writeFileAtomically(join(dir, "reliability.svg"), svg);
  await writeFileAtomically(join(dir, "reliability.png"), png);
}

/** Scores a categorical model: accuracy, NLL, Brier, ECE and the reliability diagram (evaluateClasses). */
async function evaluateClassModel(options: EvaluateCommandOptions, model: ModelData): Promise<void> {
  const classes = model.classes;
  if (!classes)
    throw new InvalidArgumentError("this categorical model names no classes; evaluate the rpf model file", {
      field: "model",
    });
  const data = await readClassTestData(options, model, classes);
  const prediction = await predictClassesWithModel(model, data.x, options);
  const evaluation = evaluateClasses(prediction, data.classIndex);
  const context = { data: data.source, target: data.yCol, classes };
  const report = options.json
    ? formatClassEvaluationJson(evaluation, context)
    : formatClassEvaluationTable(evaluation, context);
  if (options.figures !== undefined) await writeReliabilityFigure(options.figures, evaluation);
  await writeOutput(STDIO_PATH, report);
}

async function runEvaluate(options: EvaluateCommandOptions): Promise<void> {
  if (options.model === STDIO_PATH && options.data === STDIO_PATH) {
    throw new InvalidArgumentError("--model - and --data - both read stdin; give one of them as a file", {
      field: "data",
    });
  }
  await registerBackendsFor(options.backend, "infer");
  const model = await readModelFile(options.model);
  if (model.spec.head === "categorical") return evaluateClassModel(options, model);
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
    .option(
      "--json",
      "print the metrics as JSON (rmse, mae, nll, crps, coverage and width by level, …; for a categorical model accuracy, nll, brier, ece, …)",
    )
    .addOption(
      defineOption(
        "--figures <dir>",
        "also write a PIT histogram and a calibration curve there (SVG and PNG); for a categorical model a reliability diagram",
        {
          parse: folderPath,
          unset: "no figures",
        },
      ),
    )
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .option("-q, --quiet", "no notes on stderr (errors still go there)")
    .action((options: EvaluateCommandOptions) => runEvaluate(options));
}
