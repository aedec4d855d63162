import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { runProcess } from "./run-process.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = `${REPO_ROOT}apps/cli/dist/bin.js`;
const PYTHON = "/usr/bin/python3";

export interface Sample {
  readonly seconds: number;
  readonly peakMiB: number | null;
  /** For throughput workloads: units of work per second (member-points per second). */
  readonly rate?: number;
}

export interface Workload {
  readonly id: string;
  readonly description: string;
  /** What is timed: the number a user would read. */
  readonly measures: string;
  /** The peer workload this one is compared with, if any. */
  readonly peer?: string;
  available(): string | null;
  run(): Sample;
}

function trainSeconds(stdout: string): number {
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!) as { trainSeconds: number };
  return report.trainSeconds;
}

const SEED_ARGS = [
  "train",
  "--data",
  "toy",
  "--members",
  "9",
  "--epochs",
  "3000",
  "--hidden",
  "16,16",
  "--activation",
  "elu",
  "--json",
  "--quiet",
];

export function torchAvailable(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = runProcessSafe(PYTHON, ["-c", "import torch"]);
  return probe ? null : "PyTorch is not importable by /usr/bin/python3 (apt-get install python3-torch)";
}

function runProcessSafe(command: string, args: string[]): boolean {
  try {
    runProcess(command, args);
    return true;
  } catch {
    return false;
  }
}

/** The seed workload through the CLI, timed as a user reads it: `rpf train --json`'s trainSeconds. */
function seedTraining(backend: string): Workload {
  return {
    id: `seed/${backend}`,
    description: `seed: 9 members × 3000 full-batch epochs × 100 points, 16-16 ELU, ${backend}`,
    measures: "`rpf train --json` trainSeconds",
    peer: "seed/pytorch",
    available: () => null,
    run() {
      const result = runProcess(process.execPath, [CLI, ...SEED_ARGS, "--backend", backend]);
      return { seconds: trainSeconds(result.stdout), peakMiB: result.peakMiB };
    },
  };
}

/** The `predict` workload: 9 members on 10^6 points, one warm-up call, in its own process. */
function predictThroughput(backend: string): Workload {
  return {
    id: `predict/${backend}`,
    description: `predict: 9 members × 10^6 points, 16-16 ELU, ${backend}`,
    measures: "wall time of Ensemble.predict (member-points per second)",
    available: () => null,
    run() {
      const result = runProcess(process.execPath, [`${REPO_ROOT}tooling/bench/dist/predict-throughput.js`, backend]);
      const report = JSON.parse(result.stdout.trim().split("\n").at(-1)!) as {
        seconds: number;
        memberPointsPerSecond: number;
      };
      return { seconds: report.seconds, peakMiB: result.peakMiB, rate: report.memberPointsPerSecond };
    },
  };
}

export const WORKLOADS: readonly Workload[] = [
  seedTraining("matrix"),
  seedTraining("tfjs:wasm"),
  seedTraining("tfjs:cpu"),
  {
    id: "seed/pytorch",
    description: "seed in PyTorch CPU (members batched with bmm, one Adam for all, 1 thread)",
    measures: "wall time of the training loop",
    available: torchAvailable,
    run() {
      const result = runProcess(PYTHON, [`${REPO_ROOT}tooling/bench/peer/torch_seed.py`, "1"]);
      return { seconds: trainSeconds(result.stdout), peakMiB: result.peakMiB };
    },
  },
  predictThroughput("matrix"),
  predictThroughput("tfjs:wasm"),
  predictThroughput("onnx:cpu"),
  predictThroughput("onnx:wasm"),
];
