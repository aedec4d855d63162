import {
  ACTIVATION_NAMES,
  type ActivationName,
  assertSameData,
  BOOTSTRAP_FORMS,
  DEFAULT_VARIANCE_FLOOR,
  Ensemble,
  type EnsembleSpecInput,
  encodeModel,
  HEAD_NAMES,
  type HeadName,
  INITIALIZER_NAMES,
  type InitializerName,
  InvalidArgumentError,
  parseBootstrap,
  STANDARDIZE_MODES,
  type StandardizeMode,
  type TrainingCheckpoint,
} from "@rpf/core";
import { type Command, Option } from "commander";
import { registerBuiltinBackends } from "../backends.js";
import { checkpointPath, checkpointWriter, readCheckpointFile, type TrainRunRecord } from "../checkpoints.js";
import { type LoadedData, loadTrainingData } from "../data-source.js";
import { outputPath, writeFileSafely } from "../files.js";
import { withInterruption } from "../interrupted.js";
import { batchSize, finiteNumber, integerAtLeast, nameList, widthList } from "../option-parsers.js";
import { createProgressReporter } from "../progress.js";

interface TrainOptions {
  data: string;
  xCols?: string[];
  yCol?: string;
  dataSeed: number;
  points: number;
  members: number;
  beta: number;
  hidden: number[];
  activation: ActivationName;
  priorHidden?: number[];
  priorActivation?: ActivationName;
  init: InitializerName;
  bootstrap: string;
  optimizer: "adam" | "sgd";
  epochs: number;
  lr: number;
  momentum: number;
  clipNorm?: number;
  head: HeadName;
  varianceFloor: number;
  weightDecay: number;
  batchSize: number | null;
  standardize: StandardizeMode;
  seed: number;
  backend: string;
  out?: string;
  checkpointEvery?: number;
  checkpoint?: string;
  resume?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Options that define the run; a resumed run takes them from its checkpoint instead. */
const RUN_DEFINING_OPTIONS = [
  "data",
  "xCols",
  "yCol",
  "dataSeed",
  "points",
  "members",
  "beta",
  "hidden",
  "activation",
  "priorHidden",
  "priorActivation",
  "init",
  "bootstrap",
  "optimizer",
  "epochs",
  "lr",
  "momentum",
  "clipNorm",
  "head",
  "varianceFloor",
  "weightDecay",
  "batchSize",
  "standardize",
  "seed",
] as const;

function specFromOptions(options: TrainOptions, inputSize: number, outputSize: number): EnsembleSpecInput {
  return {
    members: options.members,
    inputSize,
    outputSize,
    trainable: { hiddenSizes: options.hidden, activation: options.activation, kernelInit: options.init },
    prior: {
      hiddenSizes: options.priorHidden ?? options.hidden,
      activation: options.priorActivation ?? options.activation,
      kernelInit: options.init,
    },
    priorScale: options.beta,
    bootstrap: parseBootstrap(options.bootstrap),
    optimizer: {
      ...(options.optimizer === "sgd"
        ? { kind: "sgd", learningRate: options.lr, momentum: options.momentum }
        : { kind: "adam", learningRate: options.lr }),
      clipNorm: options.clipNorm ?? null,
    },
    head: options.head,
    varianceFloor: options.varianceFloor,
    weightDecay: options.weightDecay,
    epochs: options.epochs,
    batchSize: options.batchSize,
    standardize: options.standardize,
    seed: options.seed,
  };
}

interface OpenedRun extends LoadedData {
  readonly ensemble: Ensemble;
  /** What checkpoints record of the run; null when it writes none. */
  readonly record: Omit<TrainRunRecord, "backend"> | null;
  readonly resumedAt?: number;
}

/** A fresh run, or the rest of the run a checkpoint interrupted (its spec, data and interval). */
async function openRun(options: TrainOptions, command: Command): Promise<OpenedRun> {
  if (!options.resume) {
    const loaded = await loadTrainingData(options.data, options);
    const spec = specFromOptions(options, loaded.data.inputSize, loaded.data.outputSize);
    const ensemble = await Ensemble.create(spec, { backend: options.backend });
    if (loaded.columns) ensemble.setColumns(loaded.columns);
    return { ...loaded, ensemble, record: runRecord(options, options.checkpointEvery) };
  }
  const given = RUN_DEFINING_OPTIONS.filter((name) => command.getOptionValueSource(name) === "cli");
  if (given.length > 0) {
    throw new InvalidArgumentError(
      `--resume continues the checkpoint's run with its own data and settings; remove ${given.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`,
      { field: "resume" },
    );
  }
  const { checkpoint, run } = await readCheckpointFile(options.resume);
  const loaded = await loadTrainingData(run.data, run);
  assertSameData(checkpoint.data, loaded.data);
  const ensemble = await Ensemble.fromCheckpoint(checkpoint, { backend: options.backend });
  const backend = `${ensemble.backend}:${ensemble.device}`;
  if (backend !== run.backend && !options.quiet) {
    process.stderr.write(
      `note: the checkpoint was trained on ${run.backend}; continuing on ${backend} will not be bit-identical to an uninterrupted run\n`,
    );
  }
  const record = runRecord(run, options.checkpointEvery ?? run.checkpointEvery);
  return { ...loaded, ensemble, record, resumedAt: checkpoint.state.epoch };
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

async function runTrain(options: TrainOptions, command: Command): Promise<void> {
  registerBuiltinBackends();
  const checkpointFile = checkpointFileOf(options);
  const run = await openRun(options, command);
  const { ensemble, data, record } = run;
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
  const progress = options.quiet
    ? null
    : createProgressReporter(`training ${ensemble.spec.members} members on ${ensemble.backend}:${ensemble.device}`);
  try {
    if (!options.quiet && !options.json) {
      process.stderr.write(`data: ${run.description}\n`);
      if (run.resumedAt !== undefined) process.stderr.write(`resuming at epoch ${run.resumedAt}\n`);
    }
    await withInterruption(
      () =>
        `during training; no model was written${lastCheckpoint === null ? "" : `; resume from epoch ${lastCheckpoint} with --resume ${checkpointFile}`}`,
      (signal) =>
        ensemble.fit(data, {
          signal,
          ...(checkpoint ? { checkpoint } : {}),
          ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
        }),
    );
    progress?.stop();
    const report = ensemble.training!;
    if (options.out)
      await writeFileSafely(options.out, encodeModel(await ensemble.toModel(), { producer: "@rpf/cli" }));
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ backend: report.backend, device: report.device, members: ensemble.spec.members, epochs: report.epochs, examples: report.examples, trainSeconds: report.trainSeconds, finalLosses: report.finalLosses, model: options.out ?? null, checkpoint: checkpointFile })}\n`,
      );
    } else if (!options.quiet) {
      const mean = report.finalLosses.reduce((a, b) => a + b, 0) / report.finalLosses.length;
      process.stdout.write(
        `trained ${ensemble.spec.members} members × ${report.epochs} epochs in ${report.trainSeconds.toFixed(2)} s on ${report.backend}:${report.device}; mean final loss ${mean.toExponential(3)}${options.out ? `; saved ${options.out}` : " (not saved: no --out)"}\n`,
      );
    }
  } finally {
    progress?.stop();
    await ensemble.dispose();
  }
}

export function registerTrainCommand(program: Command): void {
  program
    .command("train")
    .description("train an ensemble with randomized priors and save it as an rpf model file")
    .option(
      "--data <source>",
      'training data: "toy" (the seed notebook\'s data) or a CSV file with a header row',
      "toy",
    )
    .option("--x-cols <names>", "input columns of the CSV, comma-separated (default: all but the target)", nameList)
    .option("--y-col <name>", "target column of the CSV (default: the last column)")
    .option("--data-seed <n>", "seed of the toy data", integerAtLeast(0), 0)
    .option("--points <n>", "number of toy data points", integerAtLeast(1), 100)
    .option("--members <n>", "ensemble members", integerAtLeast(1), 9)
    .option(
      "--beta <β>",
      "prior scale β in g = t + β·p (0: no prior)",
      finiteNumber((v) => v >= 0, ">= 0"),
      3,
    )
    .option("--hidden <widths>", "hidden layer widths of the trainable net, comma-separated", widthList, [16, 16])
    .addOption(
      new Option("--activation <name>", "activation of the hidden layers").choices(ACTIVATION_NAMES).default("elu"),
    )
    .option("--prior-hidden <widths>", "hidden widths of the prior net (default: as --hidden)", widthList)
    .addOption(
      new Option("--prior-activation <name>", "activation of the prior net (default: as --activation)").choices(
        ACTIVATION_NAMES,
      ),
    )
    .addOption(new Option("--init <name>", "kernel initialiser").choices(INITIALIZER_NAMES).default("glorot_normal"))
    .option("--bootstrap <kind>", `per-member data weighting: ${BOOTSTRAP_FORMS}`, "resample")
    .addOption(new Option("--optimizer <name>", "optimiser").choices(["adam", "sgd"]).default("adam"))
    .option(
      "--epochs <n>",
      "epochs (full-batch: optimiser steps); 0 saves the untrained ensemble",
      integerAtLeast(0),
      3000,
    )
    .option(
      "--lr <rate>",
      "learning rate",
      finiteNumber((v) => v > 0, "> 0"),
      0.03,
    )
    .option(
      "--momentum <μ>",
      "SGD momentum",
      finiteNumber((v) => v >= 0 && v < 1, "in [0, 1)"),
      0,
    )
    .option(
      "--clip-norm <max>",
      "clip each member's gradient to this global L2 norm before the optimiser (optax.clip_by_global_norm)",
      finiteNumber((v) => v > 0, "> 0"),
    )
    .addOption(
      new Option(
        "--head <name>",
        "what each member outputs: mse (a value) or gaussian (a mean and a variance; docs/heads.md)",
      )
        .choices(HEAD_NAMES)
        .default("mse"),
    )
    .addOption(
      new Option(
        "--variance-floor <v>",
        "gaussian head: added to every member's variance, in the (standardised) target's units²",
      )
        .argParser(finiteNumber((v) => v > 0, "> 0"))
        .default(DEFAULT_VARIANCE_FLOOR, "1e-6"),
    )
    .addOption(
      new Option("--weight-decay <λ>", "decoupled weight decay of the trainable weights (AdamW; 0: none)")
        .argParser(finiteNumber((v) => v >= 0, ">= 0"))
        .default(0),
    )
    .option("--batch-size <n|full>", "examples per step", batchSize, null)
    .addOption(
      new Option("--standardize <mode>", "standardise inputs (x) or inputs and target (xy) before training")
        .choices(STANDARDIZE_MODES)
        .default("none"),
    )
    .option("--seed <n>", "seed for every initial weight, bootstrap and minibatch order", integerAtLeast(0), 0)
    .option("--backend <name[:device]>", "compute backend (see `rpf info`)", "auto")
    .option("--out <file>", "where to save the model (written atomically)", outputPath)
    .option(
      "--checkpoint-every <n>",
      "write a resumable checkpoint (weights and optimiser state) every n epochs",
      integerAtLeast(1),
    )
    .option(
      "--checkpoint <file>",
      "where checkpoints go (default: <out>.ckpt); each replaces the last atomically",
      outputPath,
    )
    .option(
      "--resume <checkpoint>",
      "finish the run a checkpoint interrupted, with its data and settings; ends bit-identical to an uninterrupted run",
    )
    .option("--json", "print one JSON report on stdout")
    .option("--quiet", "no progress output")
    .action((options: TrainOptions, command: Command) => runTrain(options, command));
}
