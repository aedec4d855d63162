import { isColumnarPath } from "@rpf/columnar/extensions";
import {
  assertDistinctNames,
  type Calibration,
  calibratedInterval,
  finiteJson,
  formatFloat32,
  type HeadName,
  InvalidArgumentError,
  inputsFromCsv,
  isFiniteFloat32,
  linspace,
  type ModelData,
  matchInputColumns,
  type Prediction,
  predictionInterval,
} from "@rpf/core";
import type { Command } from "commander";
import { registerBackendsFor } from "../backends.js";
import { formatClassCsv, formatClassJson } from "../class-output.js";
import { readColumnarInputs } from "../columnar-inputs.js";
import { MAX_CSV_BYTES } from "../data-source.js";
import { readModelFile, readTextFile, writeOutput } from "../files.js";
import { defineOption } from "../option-definition.js";
import { finiteNumber, gridRange, nameList, outputPath } from "../option-parsers.js";
import { predictClassesWithModel, predictWithModel } from "../predict-with-model.js";
import { readName, STDIO_PATH } from "../stdio.js";

interface PredictOptions {
  model: string;
  x?: { start: number; stop: number; count: number };
  input?: string;
  xCols?: string[];
  format: "csv" | "json";
  membersOut?: boolean;
  /** Undefined when not given: then on exactly for a Gaussian-head model. */
  stdParts?: boolean;
  /** Given: the interval is mean ∓ sigmas·std; else the central interval of `level`. */
  sigmas?: number;
  level: number;
  /** Whether --level was typed (its default does not conflict with --sigmas). */
  levelGiven?: boolean;
  /** Asks for class probabilities: a categorical model writes them anyway; any other is refused. */
  probabilities?: boolean;
  out?: string;
  backend: string;
  quiet?: boolean;
}

/** Options that shape a regression model's output (an interval, std parts, members' values). */
const REGRESSION_OUTPUT_OPTIONS = ["level", "sigmas", "stdParts", "membersOut"] as const;

interface Inputs {
  x: Float32Array;
  /** x as output echoes it: CSV cells as the user wrote them, grid points in shortest float32 form. */
  given: readonly string[];
  n: number;
  names: string[];
}

/**
 * The inputs in the model's column order. Where the model recorded its column names, the CSV's
 * header and --x-cols are matched to them by name; otherwise columns are taken in the order given.
 */
async function readInputs(
  options: PredictOptions,
  inputSize: number,
  modelColumns: readonly string[] | undefined,
): Promise<Inputs> {
  if ((options.x === undefined) === (options.input === undefined)) {
    throw new InvalidArgumentError("give exactly one of --x START:STOP:COUNT or --input FILE.csv", { field: "x" });
  }
  if (options.xCols) {
    if (options.x)
      throw new InvalidArgumentError("--x-cols chooses columns of --input; --x needs none", { field: "x-cols" });
    if (modelColumns) matchInputColumns(modelColumns, options.xCols, { label: "--x-cols", allowExtra: false });
    else assertDistinctNames(options.xCols, "--x-cols");
  }
  if (options.x) {
    if (inputSize !== 1)
      throw new InvalidArgumentError(
        `--x makes a 1-D grid, but the model takes ${inputSize} inputs; use --input FILE.csv`,
        { field: "x" },
      );
    const { start, stop, count } = options.x;
    const x = linspace(start, stop, count);
    return { x, given: Array.from(x, formatFloat32), n: count, names: modelColumns ? [...modelColumns] : ["x"] };
  }
  if (isColumnarPath(options.input!)) {
    const read = await readColumnarInputs(options.input!, modelColumns ?? options.xCols);
    if (read.names.length !== inputSize)
      throw new InvalidArgumentError(
        `${options.input} gives ${read.names.length} input columns (${read.names.join(", ")}); the model takes ${inputSize}; choose them with --x-cols`,
        { field: "x-cols" },
      );
    return read;
  }
  const text = await readTextFile(options.input!, MAX_CSV_BYTES);
  const path = readName(options.input!);
  const parsed = inputsFromCsv(
    text,
    modelColumns ? { modelColumns } : options.xCols ? { xCols: options.xCols } : {},
    path,
  );
  if (parsed.xCols.length !== inputSize) {
    throw new InvalidArgumentError(
      `${path} gives ${parsed.xCols.length} input columns (${parsed.xCols.join(", ")}); the model takes ${inputSize}; choose them with --x-cols`,
      { field: "x-cols" },
    );
  }
  return { x: parsed.x, given: parsed.cells, n: parsed.n, names: parsed.xCols };
}

/**
 * An interval bound, mean ∓ k·std, computed in float64 from float32s: written to float32
 * precision (all its terms carry), or in full where it lies beyond the float32 range.
 */
function formatBound(value: number): string {
  return isFiniteFloat32(value) ? formatFloat32(value) : String(value);
}

/** The two parts of std that a Gaussian-head model predicts (docs/heads.md), as output columns. */
const STD_PARTS = ["aleatoric_std", "epistemic_std"] as const;

interface OutputColumns {
  readonly membersOut: boolean;
  readonly stdParts: boolean;
}

/**
 * Whether to write aleatoric_std and epistemic_std: by default for a Gaussian-head model only.
 * @throws InvalidArgumentError when --std-parts asks them of an mse model, whose members predict no variance.
 */
function stdPartsFor(head: HeadName, asked: boolean | undefined): boolean {
  if (asked && head !== "gaussian") {
    throw new InvalidArgumentError(
      `--std-parts needs a model trained with --head gaussian; this model's head is ${head}, whose members predict no variance (its std is all epistemic)`,
      { field: "std-parts", accepted: "a Gaussian-head model" },
    );
  }
  return asked ?? head === "gaussian";
}

/** The lower/upper columns and what they are (for JSON): mean ∓ k·std, or a central interval of a level. */
interface Interval {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly describe: { sigmas: number } | { level: number; interval: "conformal" | "gaussian" };
}

/**
 * With --sigmas, mean ∓ k·std; otherwise the central interval of --level: conformal when the
 * model was calibrated so, else the Gaussian approximation (docs/uncertainty.md).
 */
function intervalOf(prediction: Prediction, options: PredictOptions, calibration: Calibration | null): Interval {
  if (options.sigmas !== undefined)
    return { ...predictionInterval(prediction, options.sigmas), describe: { sigmas: options.sigmas } };
  const interval = calibration?.kind === "conformal" ? "conformal" : "gaussian";
  return {
    ...calibratedInterval(calibration, prediction.mean, prediction.std, options.level),
    describe: { level: options.level, interval },
  };
}

/** Outputs are float32: written in shortest round-trip form, 0.1 and not 0.10000000149011612. */
function formatCsv(inputs: Inputs, prediction: Prediction, interval: Interval, columns: OutputColumns): string {
  const width = inputs.names.length;
  const { membersOut, stdParts } = columns;
  const { lower, upper } = interval;
  const header = [...inputs.names, "mean", "std", ...(stdParts ? STD_PARTS : []), "lower", "upper"];
  if (membersOut) for (let m = 0; m < prediction.memberCount; m++) header.push(`member_${m}`);
  const lines = [header.join(",")];
  for (let i = 0; i < inputs.n; i++) {
    const cells = [
      ...inputs.given.slice(i * width, (i + 1) * width),
      formatFloat32(prediction.mean[i]!),
      formatFloat32(prediction.std[i]!),
      ...(stdParts ? [formatFloat32(prediction.aleatoricStd[i]!), formatFloat32(prediction.epistemicStd[i]!)] : []),
      formatBound(lower[i]!),
      formatBound(upper[i]!),
    ];
    if (membersOut) {
      for (let m = 0; m < prediction.memberCount; m++) cells.push(formatFloat32(prediction.members[m * inputs.n + i]!));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** As formatCsv: JSON writes each number as its shortest form (the float32's, or the user's x). */
function formatJson(inputs: Inputs, prediction: Prediction, interval: Interval, columns: OutputColumns): string {
  const { membersOut, stdParts } = columns;
  const shortest = (values: Float32Array) => Array.from(values, (v) => Number(formatFloat32(v)));
  const { lower, upper } = interval;
  return `${finiteJson({
    columns: inputs.names,
    x: inputs.given.map(Number),
    mean: shortest(prediction.mean),
    std: shortest(prediction.std),
    ...(stdParts
      ? { aleatoric_std: shortest(prediction.aleatoricStd), epistemic_std: shortest(prediction.epistemicStd) }
      : {}),
    lower: Array.from(lower, (v) => Number(formatBound(v))),
    upper: Array.from(upper, (v) => Number(formatBound(v))),
    ...interval.describe,
    ...(membersOut
      ? {
          members: Array.from({ length: prediction.memberCount }, (_, m) =>
            shortest(prediction.members.subarray(m * inputs.n, (m + 1) * inputs.n)),
          ),
        }
      : {}),
  })}\n`;
}

/** The flag a user typed for an option key: "stdParts" → "--std-parts". */
function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Refuses output options that do not fit the model's head: a categorical model predicts class
 * probabilities, so an interval, std parts or members' values ask for what it does not have; and
 * --probabilities asks a regression model for what it does not have.
 * @throws {InvalidArgumentError} naming the option and the model's head.
 */
function checkOutputsFitHead(model: ModelData, given: (key: string) => boolean, options: PredictOptions): void {
  if (model.spec.head === "categorical") {
    const asked = REGRESSION_OUTPUT_OPTIONS.filter(given).map(flagOf);
    if (asked.length > 0) {
      throw new InvalidArgumentError(
        `${asked.join(", ")} shape${asked.length === 1 ? "s" : ""} a regression model's output; this model is categorical (${model.spec.outputSize} classes), whose output is class probabilities, label, entropy, aleatoric_entropy and mutual_information: leave out ${asked.join(", ")}`,
        { field: asked[0]!, accepted: "--format, --out, --input, --x, --x-cols with a categorical model" },
      );
    }
  } else if (options.probabilities) {
    throw new InvalidArgumentError(
      `--probabilities needs a model trained with --head categorical; this model's head is ${model.spec.head}, which predicts values (mean, std), not class probabilities`,
      { field: "probabilities", accepted: "a categorical model" },
    );
  }
}

/** A categorical model's prediction: p_<label> per class, label and the entropy decomposition. */
async function predictClassesToOutput(model: ModelData, options: PredictOptions): Promise<void> {
  const classes = model.classes;
  if (!classes)
    throw new InvalidArgumentError("this categorical model names no classes; predict with the rpf model file", {
      field: "model",
    });
  const inputs = await readInputs(options, model.spec.inputSize, model.columns?.x);
  const prediction = await predictClassesWithModel(model, inputs.x, options);
  const format = options.format === "json" ? formatClassJson : formatClassCsv;
  await writeOutput(options.out ?? STDIO_PATH, format(inputs, prediction, classes));
}

async function runPredict(options: PredictOptions, given: (key: string) => boolean): Promise<void> {
  if (options.sigmas !== undefined && options.levelGiven) {
    throw new InvalidArgumentError("--sigmas and --level both set lower/upper; give one of them", { field: "level" });
  }
  if (options.model === STDIO_PATH && options.input === STDIO_PATH) {
    throw new InvalidArgumentError("--model - and --input - both read stdin; give one of them as a file", {
      field: "input",
    });
  }
  await registerBackendsFor(options.backend, "infer");
  const model = await readModelFile(options.model);
  checkOutputsFitHead(model, given, options);
  if (model.spec.head === "categorical") return predictClassesToOutput(model, options);
  if (model.spec.outputSize !== 1)
    throw new InvalidArgumentError(`rpf predict writes one target column; this model has ${model.spec.outputSize}`, {
      field: "model",
    });
  const columns = { membersOut: options.membersOut ?? false, stdParts: stdPartsFor(model.spec.head, options.stdParts) };
  const inputs = await readInputs(options, model.spec.inputSize, model.columns?.x);
  const prediction = await predictWithModel(model, inputs.x, options);
  const format = options.format === "json" ? formatJson : formatCsv;
  const interval = intervalOf(prediction, options, model.calibration ?? null);
  await writeOutput(options.out ?? STDIO_PATH, format(inputs, prediction, interval, columns));
}

/** Adds `rpf predict`'s options and action to `command`; "-" means stdin for --model and --input, stdout for --out. */
export function definePredictCommand(command: Command): void {
  command
    .requiredOption("--model <file>", "an rpf model file (from rpf train) or an ONNX file exported by rpf; - for stdin")
    .option("--x <start:stop:count>", "a 1-D grid of inputs, e.g. -5:5:1000", gridRange)
    .option("--input <file>", "a CSV with a header row holding the inputs, - for stdin, or a Parquet or Arrow IPC file")
    .addOption(
      defineOption("--x-cols <names>", "input columns of --input, matched by name to the model's training columns", {
        parse: nameList,
        unset: "the model's training columns, else all",
      }),
    )
    .option(
      "--std-parts",
      "write aleatoric_std and epistemic_std, the parts of std (a Gaussian-head model writes them unless --no-std-parts)",
    )
    .option("--no-std-parts", "leave out aleatoric_std and epistemic_std")
    .addOption(defineOption("--format <format>", "output format", { choices: ["csv", "json"], default: "csv" }))
    .option("--members-out", "also write every member's prediction (member_0, member_1, …)")
    .option(
      "--probabilities",
      "expect a categorical model, which writes p_<class> per class, label, entropy, aleatoric_entropy and mutual_information (it does without this flag); refuse any other",
    )
    .addOption(
      defineOption("--sigmas <k>", "interval: lower/upper = mean ∓ k·std, instead of --level", {
        parse: finiteNumber((v) => v > 0, "> 0"),
        unset: "use --level",
      }),
    )
    .addOption(
      defineOption(
        "--level <p>",
        "lower/upper: the central interval of probability p, conformal when the model was trained with --calibrate conformal, else Gaussian (mean ∓ z·std)",
        { parse: finiteNumber((v) => v > 0 && v < 1, "in (0, 1)"), default: "0.95" },
      ),
    )
    .addOption(
      defineOption("-o, --out <file>", "where to write (atomically), or - for stdout", {
        parse: outputPath,
        unset: "stdout",
      }),
    )
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .option("-q, --quiet", "no notes on stderr (errors still go there)")
    .action((options: PredictOptions, command: Command) => {
      const given = (key: string) => command.getOptionValueSource(key) === "cli";
      return runPredict({ ...options, levelGiven: given("level") }, given);
    });
}
