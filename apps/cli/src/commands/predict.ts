import {
  assertDistinctNames,
  Ensemble,
  finiteJson,
  InvalidArgumentError,
  inputsFromCsv,
  linspace,
  matchInputColumns,
  type Prediction,
  predictionInterval,
} from "@rpf/core";
import { type Command, Option } from "commander";
import { registerBuiltinBackends } from "../backends.js";
import { MAX_CSV_BYTES } from "../data-source.js";
import { outputPath, readModelFile, readTextFile, writeFileSafely } from "../files.js";
import { finiteNumber, gridRange, nameList } from "../option-parsers.js";

interface PredictOptions {
  model: string;
  x?: { start: number; stop: number; count: number };
  input?: string;
  xCols?: string[];
  format: "csv" | "json";
  membersOut?: boolean;
  sigmas: number;
  out?: string;
  backend: string;
}

interface Inputs {
  x: Float32Array;
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
    return { x: linspace(start, stop, count), n: count, names: modelColumns ? [...modelColumns] : ["x"] };
  }
  const path = options.input!;
  const text = await readTextFile(path, MAX_CSV_BYTES);
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
  return { x: parsed.x, n: parsed.n, names: parsed.xCols };
}

function formatCsv(inputs: Inputs, prediction: Prediction, sigmas: number, membersOut: boolean): string {
  const width = inputs.names.length;
  const { lower, upper } = predictionInterval(prediction, sigmas);
  const header = [...inputs.names, "mean", "std", "lower", "upper"];
  if (membersOut) for (let m = 0; m < prediction.memberCount; m++) header.push(`member_${m}`);
  const lines = [header.join(",")];
  for (let i = 0; i < inputs.n; i++) {
    const cells = [
      ...Array.from(inputs.x.subarray(i * width, (i + 1) * width)),
      prediction.mean[i]!,
      prediction.std[i]!,
      lower[i]!,
      upper[i]!,
    ];
    if (membersOut) for (let m = 0; m < prediction.memberCount; m++) cells.push(prediction.members[m * inputs.n + i]!);
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}

function formatJson(inputs: Inputs, prediction: Prediction, sigmas: number, membersOut: boolean): string {
  const { lower, upper } = predictionInterval(prediction, sigmas);
  return `${finiteJson({
    columns: inputs.names,
    x: Array.from(inputs.x),
    mean: Array.from(prediction.mean),
    std: Array.from(prediction.std),
    lower: Array.from(lower),
    upper: Array.from(upper),
    sigmas,
    ...(membersOut
      ? {
          members: Array.from({ length: prediction.memberCount }, (_, m) =>
            Array.from(prediction.members.subarray(m * inputs.n, (m + 1) * inputs.n)),
          ),
        }
      : {}),
  })}\n`;
}

async function runPredict(options: PredictOptions): Promise<void> {
  registerBuiltinBackends();
  const model = await readModelFile(options.model);
  if (model.spec.outputSize !== 1)
    throw new InvalidArgumentError(`rpf predict writes one target column; this model has ${model.spec.outputSize}`, {
      field: "model",
    });
  const inputs = await readInputs(options, model.spec.inputSize, model.columns?.x);
  const ensemble = await Ensemble.fromModel(model, { backend: options.backend });
  // Said for an explicit backend whose device was left to auto; the default needs no remark.
  if (options.backend !== "auto" && ensemble.passedOver.length > 0) {
    const names = ensemble.passedOver.map((entry) => entry.split(" ")[0]);
    process.stderr.write(
      `rpf: --backend ${options.backend} chose ${ensemble.backend}:${ensemble.device} (unavailable here: ${names.join(", ")}; see rpf info)\n`,
    );
  }
  try {
    const prediction = await ensemble.predict(inputs.x);
    const format = options.format === "json" ? formatJson : formatCsv;
    const text = format(inputs, prediction, options.sigmas, options.membersOut ?? false);
    if (options.out) await writeFileSafely(options.out, text);
    else process.stdout.write(text);
  } finally {
    await ensemble.dispose();
  }
}

export function registerPredictCommand(program: Command): void {
  program
    .command("predict")
    .description("predict with a saved ensemble: mean, spread and interval at each x")
    .requiredOption("--model <file>", "an rpf model file (from rpf train) or an ONNX file exported by rpf")
    .option("--x <start:stop:count>", "a 1-D grid of inputs, e.g. -5:5:1000", gridRange)
    .option("--input <file>", "a CSV with a header row holding the inputs")
    .option(
      "--x-cols <names>",
      "input columns of --input, matched by name to the model's training columns where it recorded them (default: those columns, else all)",
      nameList,
    )
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .option("--members-out", "also write every member's prediction (member_0, member_1, …)")
    .option(
      "--sigmas <k>",
      "interval: lower/upper = mean ∓ k·std",
      finiteNumber((v) => v > 0, "> 0"),
      2,
    )
    .option("--out <file>", "write here (atomically) instead of stdout", outputPath)
    .option("--backend <name[:device]>", "compute backend (see `rpf info`)", "auto")
    .action((options: PredictOptions) => runPredict(options));
}
