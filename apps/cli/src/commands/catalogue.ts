import type { Command } from "commander";

/**
 * The commands, each with its one-line summary and a loader for its definition. `rpf --help` and
 * `rpf --version` need only the names and summaries; the options, the maths and the backends of a
 * command are loaded when that command runs, which keeps start-up near Node's own.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  /** Adds the command's options and action to `command`. */
  load(): Promise<(command: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "train",
    summary: "train an ensemble with randomized priors and save it as an rpf model file",
    load: async () => (await import("./train.js")).defineTrainCommand,
  },
  {
    name: "predict",
    summary: "predict with a saved ensemble: mean, spread and interval at each x",
    load: async () => (await import("./predict.js")).definePredictCommand,
  },
  {
    name: "evaluate",
    summary: "score a saved ensemble on test data: rmse, mae, nll, crps, interval coverage and calibration",
    load: async () => (await import("./evaluate.js")).defineEvaluateCommand,
  },
  {
    name: "reproduce",
    summary:
      "rerun an experiment of rpf's (the seed notebook's five unless named): figures (SVG, PNG) and summary.json",
    load: async () => (await import("../reproduce/command.js")).defineReproduceCommand,
  },
  {
    name: "export",
    summary: "convert a model: to one ONNX graph of the whole ensemble, or back to an rpf model file",
    load: async () => (await import("./export.js")).defineExportCommand,
  },
  {
    name: "conformance",
    summary: "train the seed ensemble on each backend from the same seed and compare with backend-matrix",
    load: async () => (await import("./conformance.js")).defineConformanceCommand,
  },
  {
    name: "worker",
    summary: "serve training jobs from a queue (Redis): run one per core on every machine that should train",
    load: async () => (await import("./worker.js")).defineWorkerCommand,
  },
  {
    name: "info",
    summary: "list the backends and devices available here",
    load: async () => (await import("./info.js")).defineInfoCommand,
  },
];
