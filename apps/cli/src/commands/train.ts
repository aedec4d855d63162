import { isColumnarPath } from "@rpf/columnar/extensions";
import {
  type ActivationName,
  assertSameData,
  BOOTSTRAP_FORMS,
  type DataFingerprint,
  type Dataset,
  Ensemble,
  type EnsembleSpecInput,
  finiteJson,
  type HeadName,
  type InitializerName,
  InvalidArgumentError,
  type ModelData,
  NETWORK_FIELDS,
  OPTIMIZER_FIELDS,
  parseBootstrap,
  searchGrid,
  type TrainingCheckpoint,
  writeModel,
} from "@rpf/core";
import type { Command } from "commander";
import { registerBackendsFor } from "../backends.js";
import { checkpointPath, checkpointWriter, readCheckpointFile, type TrainRunRecord } from "../checkpoints.js";
import { type LoadedData, loadTrainingData } from "../data-source.js";
import { writeOutput } from "../files.js";
import { withInterruption } from "../interrupted.js";
import { defineOption } from "../option-definition.js";
import { filePathNotStdio, integerAtLeast, nameList, outputPath } from "../option-parsers.js";
import { applyPreset, PRESETS, presetFlags, presetNamed } from "../presets/catalogue.js";
import { createProgressReporter } from "../progress.js";
import { priorOption, specOption, TOP_LEVEL_SPEC_FIELDS, topLevelSpec, withFlagNames } from "../spec-options.js";
import { STDIO_PATH, writeName, writeStdout } from "../stdio.js";
import { defineQueueOptions, openQueue, type QueueCliOptions } from "../training-options/queue-options.js";
import {
  checkValidationRun,
  defineValidationOptions,
  describeValidation,
  specValue,
  VALIDATION_OPTION_NAMES,
  type ValidationCliOptions,
  validationPlan,
} from "../training-options/validation-options.js";

/** The options; the spec's top-level fields (members, --beta, …) are keyed as TOP_LEVEL_SPEC_FIELDS says. */
interface TrainOptions extends ValidationCliOptions, QueueCliOptions, Record<string, unknown> {
  data: string;
  xCols?: string[];
  yCol?: string;
  dataSeed: number;
  points: number;
  head: HeadName;
  hidden: number[];
  activation: ActivationName;
  priorHidden?: number[];
  priorActivation?: ActivationName;
  init: InitializerName;
  bootstrap: string;
  optimizer: "adam" | "sgd";
  lr: number;
  momentum: number;
  clipNorm?: number;
  backend: string;
  out?: string;
  checkpointEvery?: number;
  checkpoint?: string;
  resume?: string;
  json?: boolean;
  quiet?: boolean;
  preset?: string;
}

/** Options that define the run; a resumed run takes them from its checkpoint instead. */
const RUN_DEFINING_OPTIONS = [
  "data",
  "xCols",
  "yCol",
  "dataSeed",
  "points",
  ...TOP_LEVEL_SPEC_FIELDS.map(({ key }) => key),
  "hidden",
  "activation",
  "priorHidden",
  "priorActivation",
  "init",
  "bootstrap",
  "optimizer",
  "lr",
  "momentum",
  "clipNorm",
  ...VALIDATION_OPTION_NAMES,
  "preset",
];

/** Spec fields whose flag also takes "auto": chosen by validation score from their grid option. */
const AUTO_GRID: Readonly<Record<string, string>> = {
  "--beta": "--beta-grid",
  "--weight-decay": "--weight-decay-grid",
};

function specFromOptions(options: TrainOptions, inputSize: number, outputSize: number): EnsembleSpecInput {
  return {
    ...topLevelSpec(options),
    inputSize,
    outputSize,
    trainable: { hiddenSizes: options.hidden, activation: options.activation, kernelInit: options.init },
    prior: {
      hiddenSizes: options.priorHidden ?? options.hidden,
      activation: options.priorActivation ?? options.activation,
      kernelInit: options.init,
    },
    bootstrap: parseBootstrap(options.bootstrap),
    optimizer: {
      ...(options.optimizer === "sgd"
        ? { kind: "sgd", learningRate: options.lr, momentum: options.momentum }
        : { kind: "adam", learningRate: options.lr }),
      clipNorm: options.clipNorm ?? null,
    },
    // --beta and --weight-decay may say "auto": the grid's first value until validation chooses.
    priorScale: specValue(options.beta, options.betaGrid),
    weightDecay: specValue(options.weightDecay, options.weightDecayGrid),
  };
}

interface OpenedRun extends LoadedData {
  readonly ensemble: Ensemble;
  /** What checkpoints record of the run; null when it writes none. */
  readonly record: Omit<TrainRunRecord, "backend"> | null;
  readonly resumedAt?: number;
  /** Rows the data holds beyond the checkpoint's: a resumed run on grown data. */
  readonly grownBy?: number;
}

/** A fresh run, or the rest of the run a checkpoint interrupted (its spec, data and interval). */
async function openRun(options: TrainOptions, command: Command): Promise<OpenedRun> {
  if (!options.resume) {
    const loaded = await loadTrainingData(options.data, options);
    const spec = specFromOptions(options, loaded.data.inputSize, loaded.data.outputSize);
    // Core names a refused field as the spec does; the user typed its flag.
    const ensemble = await Ensemble.create(spec, { backend: options.backend }).catch((error: unknown) => {
      throw withFlagNames(error);
    });
    if (loaded.columns) ensemble.setColumns(loaded.columns);
    return { ...loaded, ensemble, record: runRecord(options, options.checkpointEvery) };
  }
  // --data may name a file that holds the checkpoint's rows followed by more (online bagging
  // weights for those: Ensemble.update's mechanism); every other run-defining option is the checkpoint's.
  const dataGiven = command.getOptionValueSource("data") === "cli";
  const given = RUN_DEFINING_OPTIONS.filter((name) => name !== "data" && command.getOptionValueSource(name) === "cli");
  if (given.length > 0) {
    throw new InvalidArgumentError(
      `--resume continues the checkpoint's run with its own settings; remove ${given.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`,
      { field: "resume" },
    );
  }
  const { checkpoint, run: recorded } = await readCheckpointFile(options.resume);
  const run = dataGiven ? { ...recorded, data: options.data } : recorded;
  const loaded = await loadTrainingData(run.data, { ...run, head: checkpoint.spec.head });
  assertSameColumns(checkpoint.columns, loaded.columns, run.data);
  assertGrownData(checkpoint.data, loaded.data, run.data);
  const ensemble = await Ensemble.fromCheckpoint(checkpoint, { backend: options.backend });
  const backend = `${ensemble.backend}:${ensemble.device}`;
  if (backend !== run.backend && !options.quiet) {
    process.stderr.write(
      `note: the checkpoint was trained on ${run.backend}; continuing on ${backend} will not be bit-identical to an uninterrupted run\n`,
    );
  }
  const record = runRecord(run, options.checkpointEvery ?? run.checkpointEvery);
  const grownBy = loaded.data.n - checkpoint.data.n;
  return { ...loaded, ensemble, record, resumedAt: checkpoint.state.epoch, ...(grownBy > 0 ? { grownBy } : {}) };
}

/**
 * A resumed run's data must be the checkpoint's, or begin with it (the rows after it are new).
 * @throws {InvalidArgumentError} naming the source when it (or its first rows) differ.
 */
function assertGrownData(trained: DataFingerprint, data: Dataset, source: string): void {
  const rows = Math.min(data.n, trained.n);
  const prefix = {
    ...data,
    x: data.x.subarray(0, rows * data.inputSize),
    y: data.y.subarray(0, rows * data.outputSize),
    n: rows,
  };
  try {
    assertSameData(trained, prefix);
  } catch (error) {
    throw new InvalidArgumentError(
      `${source} must hold the checkpoint's ${trained.n} rows first (any more rows after them are appended): ${(error as Error).message}`,
      { field: "data" },
      error,
    );
  }
}

type Columns = ModelData["columns"];

/** A resumed run reads its CSV again: the columns must still be the ones the checkpoint was trained on, by name and order. */
function assertSameColumns(trained: Columns, now: Columns, source: string): void {
  const show = (columns: Columns) => (columns ? `${columns.x.join(", ")} → ${columns.y}` : "none (toy data)");
  if (JSON.stringify(trained) === JSON.stringify(now)) return;
  throw new InvalidArgumentError(
    `${source} now gives columns ${show(now)}; the checkpoint was trained on ${show(trained)}: resume with the same data, or start a new run`,
    { field: "data", accepted: show(trained) },
  );
}

function runRecord(
  options: Pick<TrainOptions, "data" | "xCols" | "yCol" | "dataSeed" | "points">,
  checkpointEvery: number | undefined,
): Omit<TrainRunRecord, "backend"> | null {
  if (checkpointEvery === undefined) return null;
  return {
    data: options.data,
    ...(options.xCols ? { xCols: options.xCols } : {}),
    ...(options.yCol ? { yCol: options.yCol } : {}),
    dataSeed: options.dataSeed,
    points: options.points,
    checkpointEvery,
  };
}

/** Where this run's checkpoints go: a resumed run keeps overwriting its own checkpoint by default. */
function checkpointFileOf(options: TrainOptions): string | null {
  if (options.resume) return options.checkpoint ?? options.resume;
  if (options.checkpointEvery !== undefined) return checkpointPath(options);
  if (options.checkpoint) {
    throw new InvalidArgumentError("--checkpoint needs --checkpoint-every <n> to say how often to write", {
      field: "checkpoint",
    });
  }
  return null;
}

/** Refuses option combinations that would mix two outputs on stdout. */
function checkOutputs(options: TrainOptions): void {
  if (options.out === STDIO_PATH && options.json) {
    throw new InvalidArgumentError(
      "--out - and --json both write to stdout; save the model to a file, or leave out --json",
      { field: "out" },
    );
  }
}

async function runTrain(given: TrainOptions, command: Command): Promise<void> {
  if (given.preset) applyPreset(command, presetNamed(given.preset));
  const options = command.opts<TrainOptions>();
  checkOutputs(options);
  const plan = validationPlan(options, command);
  const checkpointFile = checkpointFileOf(options);
  const queue = await openQueue(options, [
    ["--resume", options.resume !== undefined, "a resumed run trains here"],
    ["--checkpoint-every", checkpointFile !== null, "each job keeps its own checkpoints on the queue"],
    ["--patience", options.patience !== undefined, "early stopping ties the members together"],
  ]);
  try {
    await trainWith(options, command, plan, checkpointFile, queue);
  } finally {
    await queue?.close();
  }
}

async function trainWith(
  options: TrainOptions,
  command: Command,
  plan: ReturnType<typeof validationPlan>,
  checkpointFile: string | null,
  queue: Awaited<ReturnType<typeof openQueue>>,
): Promise<void> {
  await registerBackendsFor(options.backend, "train");
  if (isColumnarPath(options.data)) {
    // Parquet and Arrow IPC stream from disk (train-stream.ts); loaded only for them.
    const { trainStreamed } = await import("./train-stream.js");
    const refused = plan.validation
      ? "--validation"
      : options.resume
        ? "--resume"
        : checkpointFile
          ? "--checkpoint-every"
          : null;
    return trainStreamed(options, (inputSize, outputSize) => specFromOptions(options, inputSize, outputSize), refused);
  }
  const run = await openRun(options, command);
  const { data, record } = run;
  let ensemble = run.ensemble;
  try {
    checkValidationRun(plan, data.n, checkpointFile !== null);
  } catch (error) {
    await ensemble.dispose();
    throw error;
  }
  let lastCheckpoint: number | null = null;
  const checkpoint =
    record && checkpointFile
      ? {
          every: record.checkpointEvery,
          meta: { ...record, backend: `${ensemble.backend}:${ensemble.device}` },
          save: async (value: TrainingCheckpoint) => {
            await checkpointWriter(checkpointFile)(value);
            lastCheckpoint = value.state.epoch;
          },
        }
      : undefined;
  // A grid search trains its candidates concurrently: one progress bar cannot follow them.
  const progress =
    options.quiet || plan.grid
      ? null
      : await createProgressReporter(
          `training ${ensemble.spec.members} members on ${queue ? `the workers of ${queue.address}` : `${ensemble.backend}:${ensemble.device}`}`,
        );
  try {
    if (!options.quiet && !options.json) {
      process.stderr.write(`data: ${run.description}\n`);
      if (run.resumedAt !== undefined)
        process.stderr.write(
          `resuming at epoch ${run.resumedAt}${run.grownBy ? ` with ${run.grownBy} more rows (online bagging weights)` : ""}\n`,
        );
    }
    await withInterruption(
      () =>
        `during training; no model was written${lastCheckpoint === null ? "" : `; resume from epoch ${lastCheckpoint} with --resume ${checkpointFile}`}`,
      async (signal) => {
        if (plan.grid && plan.validation) {
          if (!options.quiet && !options.json)
            process.stderr.write(`choosing by validation score among ${gridSize(plan.grid)} candidates\n`);
          await ensemble.dispose();
          const found = await searchGrid(
            ensemble.spec,
            data,
            plan.grid,
            { signal, validation: plan.validation },
            {
              backend: options.backend,
              ...(queue ? { queue: queue.runner, membersPerJob: options.membersPerJob } : {}),
            },
          );
          ensemble = found.ensemble;
          if (run.columns) ensemble.setColumns(run.columns);
          return;
        }
        await ensemble.fit(data, {
          signal,
          ...(checkpoint ? { checkpoint } : {}),
          ...(queue ? { queue: queue.runner, membersPerJob: options.membersPerJob } : {}),
          ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
          ...(plan.validation ? { validation: plan.validation } : {}),
        });
      },
    );
    progress?.stop();
    const report = ensemble.training!;
    if (options.out) {
      // A categorical model's classes come from the data (sorted labels), not from the ensemble.
      const model = { ...(await ensemble.toModel()), ...(run.classes ? { classes: run.classes } : {}) };
      await writeOutput(options.out, await writeModel(model, "rpf", { producer: "@rpf/cli" }));
    }
    if (options.json) {
      await writeStdout(
        `${finiteJson({ backend: report.backend, device: report.device, members: ensemble.spec.members, epochs: report.epochs, examples: report.examples, trainSeconds: report.trainSeconds, finalLosses: report.finalLosses, model: options.out ?? null, checkpoint: checkpointFile, ...(run.classes ? { classes: run.classes } : {}), ...validationJson(ensemble) })}\n`,
      );
    } else if (!options.quiet) {
      const mean = report.finalLosses.reduce((a, b) => a + b, 0) / report.finalLosses.length;
      const lines = describeValidation(report, ensemble.calibration?.kind ?? null).map((line) => `${line}\n`);
      const summary = `${lines.join("")}trained ${ensemble.spec.members} members × ${report.epochs} epochs in ${report.trainSeconds.toFixed(2)} s on ${report.backend}:${report.device}; mean final loss ${mean.toExponential(3)}${options.out ? `; saved ${writeName(options.out)}` : " (not saved: no --out)"}\n`;
      // With the model on stdout, the summary goes to stderr so the model stays parseable.
      if (options.out === STDIO_PATH) process.stderr.write(summary);
      else await writeStdout(summary);
    }
  } finally {
    progress?.stop();
    await ensemble.dispose();
  }
}

function gridSize(grid: { priorScale?: readonly number[]; weightDecay?: readonly number[] }): number {
  return (grid.priorScale?.length ?? 1) * (grid.weightDecay?.length ?? 1);
}

/** The --json report's validation part: the chosen β and weight decay, the validation report and the calibration kind. */
function validationJson(ensemble: Ensemble): Record<string, unknown> {
  const validation = ensemble.training?.validation;
  if (!validation) return {};
  return {
    beta: ensemble.spec.priorScale,
    weightDecay: ensemble.spec.weightDecay,
    validation,
    calibration: ensemble.calibration?.kind ?? null,
  };
}

/**
 * Adds `rpf train`'s options and action to `command`. Defaults are written as a user types them
 * (see defineOption); "-" means stdin for --data and stdout for --out.
 */
export function defineTrainCommand(command: Command): void {
  command
    .addOption(
      defineOption(
        "--data <source>",
        'training data: "toy" (the seed notebook\'s data), a CSV file with a header row, - for stdin, or a Parquet or Arrow IPC file (.parquet, .arrow), streamed from disk',
        { default: "toy" },
      ),
    )
    .addOption(
      defineOption("--x-cols <names>", "input columns of the CSV, comma-separated", {
        parse: nameList,
        unset: "all but the target",
      }),
    )
    .addOption(defineOption("--y-col <name>", "target column of the CSV", { unset: "the last column" }))
    .addOption(defineOption("--data-seed <n>", "seed of the toy data", { parse: integerAtLeast(0), default: "0" }))
    .addOption(defineOption("--points <n>", "number of toy data points", { parse: integerAtLeast(1), default: "100" }));
  // Every top-level spec field with a flag in core's field table: a new one needs no line here.
  for (const { field } of TOP_LEVEL_SPEC_FIELDS) command.addOption(specOption(field, AUTO_GRID[field.cli!.flag]));
  command
    .addOption(specOption(NETWORK_FIELDS.hiddenSizes))
    .addOption(specOption(NETWORK_FIELDS.activation))
    .addOption(priorOption("hiddenSizes"))
    .addOption(priorOption("activation"))
    .addOption(specOption(NETWORK_FIELDS.kernelInit))
    .addOption(
      defineOption("--bootstrap <kind>", `per-member data weighting: ${BOOTSTRAP_FORMS}`, { default: "resample" }),
    )
    .addOption(specOption(OPTIMIZER_FIELDS.kind))
    .addOption(specOption(OPTIMIZER_FIELDS.learningRate))
    .addOption(specOption(OPTIMIZER_FIELDS.momentum))
    .addOption(specOption(OPTIMIZER_FIELDS.clipNorm))
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .addOption(
      defineOption("-o, --out <file>", "where to save the model (written atomically), or - for stdout", {
        parse: outputPath,
        unset: "not saved",
      }),
    )
    .option(
      "--checkpoint-every <n>",
      "write a resumable checkpoint (weights and optimiser state) every n epochs",
      integerAtLeast(1),
    )
    .addOption(
      defineOption("--checkpoint <file>", "where checkpoints go; each replaces the last atomically", {
        parse: filePathNotStdio,
        unset: "<out>.ckpt",
      }),
    )
    .option(
      "--resume <checkpoint>",
      "finish the run a checkpoint interrupted, with its data and settings; ends bit-identical to an uninterrupted run",
      filePathNotStdio,
    )
    .option("--json", "print one JSON report on stdout")
    .option("-q, --quiet", "no progress, notes or summary (errors still go to stderr)");
  defineValidationOptions(command);
  defineQueueOptions(command);
  // Added last: its help lists each preset's settings through the options defined above.
  const presets = PRESETS.map((preset) => `${preset.name}: ${presetFlags(command, preset)}`).join("; ");
  command
    .addOption(
      defineOption("--preset <name>", `recommended settings, which explicit flags override (${presets})`, {
        choices: PRESETS.map((preset) => preset.name),
        unset: "none",
      }),
    )
    .action((options: TrainOptions, command: Command) => runTrain(options, command));
}
