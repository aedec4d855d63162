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

/** A training workload's size: the same numbers go to rpf and to the PyTorch peer. */
interface TrainingSize {
  readonly members: number;
  readonly epochs: number;
  readonly points: number;
  readonly width: number;
}

const SEED: TrainingSize = { members: 9, epochs: 3000, points: 100, width: 16 };
const WIDE: TrainingSize = { members: 16, epochs: 500, points: 2000, width: 64 };

function trainArgs(size: TrainingSize): string[] {
  const { members, epochs, points, width } = size;
  return [
    "train",
    "--data",
    "toy",
    "--points",
    String(points),
    "--members",
    String(members),
    "--epochs",
    String(epochs),
    "--hidden",
    `${width},${width}`,
    "--json",
    "--quiet",
  ];
}

function describeSize(name: string, size: TrainingSize): string {
  return `${name}: ${size.members} members × ${size.epochs} full-batch epochs × ${size.points} points, ${size.width}-${size.width} ELU`;
}

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

/** Training through the CLI, timed as a user reads it: `rpf train --json`'s trainSeconds. */
function training(name: string, size: TrainingSize, backend: string): Workload {
  return {
    id: `${name}/${backend}`,
    description: `${describeSize(name, size)}, ${backend}`,
    measures: "`rpf train --json` trainSeconds",
    peer: `${name}/pytorch`,
    available: () => null,
    run() {
      const result = runProcess(process.execPath, [CLI, ...trainArgs(size), "--backend", backend]);
      return { seconds: trainSeconds(result.stdout), peakMiB: result.peakMiB };
    },
  };
}

/** The same training in PyTorch CPU, one thread per core rpf may use (here: 1, as rpf's trainer). */
function torchTraining(name: string, size: TrainingSize): Workload {
  return {
    id: `${name}/pytorch`,
    description: `${name} in PyTorch CPU (members batched with bmm, one Adam for all, 1 thread)`,
    measures: "wall time of the training loop",
    available: torchAvailable,
    run() {
      const args = [1, size.members, size.epochs, size.points, size.width].map(String);
      const result = runProcess(PYTHON, [`${REPO_ROOT}tooling/bench/peer/torch_train.py`, ...args]);
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
  training("seed", SEED, "matrix"),
  training("seed", SEED, "tfjs:wasm"),
  training("seed", SEED, "tfjs:cpu"),
  torchTraining("seed", SEED),
  training("wide", WIDE, "matrix"),
  training("wide", WIDE, "tfjs:wasm"),
  torchTraining("wide", WIDE),
  predictThroughput("matrix"),
  predictThroughput("tfjs:wasm"),
  predictThroughput("onnx:cpu"),
  predictThroughput("onnx:wasm"),
];
