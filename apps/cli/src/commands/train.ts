import {
  ACTIVATION_NAMES,
  type ActivationName,
  BOOTSTRAP_FORMS,
  Ensemble,
  type EnsembleSpecInput,
  encodeModel,
  INITIALIZER_NAMES,
  type InitializerName,
  parseBootstrap,
  STANDARDIZE_MODES,
  type StandardizeMode,
} from "@rpf/core";
import { type Command, Option } from "commander";
import { registerBuiltinBackends } from "../backends.js";
import { loadTrainingData } from "../data-source.js";
import { writeFileSafely } from "../files.js";
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
  batchSize: number | null;
  standardize: StandardizeMode;
  seed: number;
  backend: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

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
    optimizer:
      options.optimizer === "sgd"
        ? { kind: "sgd", learningRate: options.lr, momentum: options.momentum }
        : { kind: "adam", learningRate: options.lr },
    epochs: options.epochs,
    batchSize: options.batchSize,
    standardize: options.standardize,
    seed: options.seed,
  };
}

async function runTrain(options: TrainOptions): Promise<void> {
  registerBuiltinBackends();
  const { data, columns, description } = await loadTrainingData(options.data, options);
  const spec = specFromOptions(options, data.inputSize, data.outputSize);
  const ensemble = await Ensemble.create(spec, { backend: options.backend });
  if (columns) ensemble.setColumns(columns);
  const progress = options.quiet
    ? null
    : createProgressReporter(`training ${ensemble.spec.members} members on ${ensemble.backend}:${ensemble.device}`);
  try {
    if (!options.quiet && !options.json) process.stderr.write(`data: ${description}\n`);
    const report = await withInterruption(
      () => `during training; no model was written`,
      (signal) => ensemble.fit(data, { signal, ...(progress ? { onProgress: (p) => progress.update(p) } : {}) }),
    );
    progress?.stop();
    if (options.out)
      await writeFileSafely(options.out, encodeModel(await ensemble.toModel(), { producer: "@rpf/cli" }));
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ backend: report.backend, device: report.device, members: ensemble.spec.members, epochs: report.epochs, examples: report.examples, trainSeconds: report.trainSeconds, finalLosses: report.finalLosses, model: options.out ?? null })}\n`,
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
    .option("--batch-size <n|full>", "examples per step", batchSize, null)
    .addOption(
      new Option("--standardize <mode>", "standardise inputs (x) or inputs and target (xy) before training")
        .choices(STANDARDIZE_MODES)
        .default("none"),
    )
    .option("--seed <n>", "seed for every initial weight, bootstrap and minibatch order", integerAtLeast(0), 0)
    .option("--backend <name[:device]>", "compute backend (see `rpf info`)", "auto")
    .option("--out <file>", "where to save the model (written atomically)")
    .option("--json", "print one JSON report on stdout")
    .option("--quiet", "no progress output")
    .action((options: TrainOptions) => runTrain(options));
}
