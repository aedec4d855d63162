import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProcess } from "./run-process.js";
import { startupWorkloads } from "./startup.js";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CLI = `${REPO_ROOT}apps/cli/dist/bin.js`;
export const PYTHON = "/usr/bin/python3";

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
  /** The issue's target for the median, in seconds, if it sets one. */
  readonly targetSeconds?: number;
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
  const probe = runProcessSafe(PYTHON, ["-c", "import torch, scipy"]);
  return probe
    ? null
    : "PyTorch or SciPy is not importable by /usr/bin/python3 (bash tooling/setup.sh --bench installs both)";
}

function runProcessSafe(command: string, args: string[]): boolean {
  try {
    runProcess(command, args);
    return true;
  } catch {
    return false;
  }
}

/** An output head other than the notebook's squared error, compared with the same size on "mse". */
interface HeadVariant {
  readonly head: "gaussian";
  /** The workload of the same size with the "mse" head. */
  readonly peer: string;
}

/**
 * Training through the CLI, timed as a user reads it: `rpf train --json`'s trainSeconds. With a
 * head variant the peer is the same training with the squared-error head (the issue's ratio).
 */
function training(name: string, size: TrainingSize, backend: string, variant?: HeadVariant): Workload {
  const headArgs = variant ? ["--head", variant.head] : [];
  return {
    id: variant ? `${name}-${variant.head}/${backend}` : `${name}/${backend}`,
    description: `${describeSize(name, size)}, ${backend}${variant ? `, ${variant.head} head` : ""}`,
    measures: "`rpf train --json` trainSeconds",
    peer: variant?.peer ?? `${name}/pytorch`,
    available: () => null,
    run() {
      const result = runProcess(process.execPath, [CLI, ...trainArgs(size), "--backend", backend, ...headArgs]);
      return { seconds: trainSeconds(result.stdout), peakMiB: result.peakMiB };
    },
  };
}

/** The same training in PyTorch CPU on `threads` intra-op threads (the issue's peer uses 1). */
function torchTraining(name: string, size: TrainingSize, threads = 1): Workload {
  return {
    id: threads === 1 ? `${name}/pytorch` : `${name}/pytorch-${threads}-threads`,
    description: `${name} in PyTorch CPU (members batched with bmm, one Adam for all, ${threads} thread${threads === 1 ? "" : "s"})`,
    measures: "wall time of the training loop",
    available: torchAvailable,
    run() {
      const args = [threads, size.members, size.epochs, size.points, size.width].map(String);
      const result = runProcess(PYTHON, [`${REPO_ROOT}tooling/bench/peer/torch_train.py`, ...args]);
      return { seconds: trainSeconds(result.stdout), peakMiB: result.peakMiB };
    },
  };
}

/** All five experiments of the notebook, as a user runs them; wall time and peak memory. */
const reproduce: Workload = {
  id: "reproduce/default",
  description: "reproduce: all five experiments of the seed notebook (figures and summary.json), default backend",
  measures: "wall time of `rpf reproduce`",
  available: () => null,
  run() {
    const out = mkdtempSync(join(tmpdir(), "rpf-bench-reproduce-"));
    try {
      const started = performance.now();
      const result = runProcess(process.execPath, [CLI, "reproduce", "--out", out]);
      return { seconds: (performance.now() - started) / 1000, peakMiB: result.peakMiB };
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  },
};

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
  ...startupWorkloads(CLI),
  training("seed", SEED, "matrix"),
  training("seed", SEED, "matrix", { head: "gaussian", peer: "seed/matrix" }),
  training("seed", SEED, "tfjs:wasm"),
  training("seed", SEED, "tfjs:cpu"),
  torchTraining("seed", SEED),
  torchTraining("seed", SEED, availableParallelism()),
  training("wide", WIDE, "matrix"),
  training("wide", WIDE, "tfjs:wasm"),
  torchTraining("wide", WIDE),
  reproduce,
  predictThroughput("matrix"),
  predictThroughput("tfjs:wasm"),
  predictThroughput("onnx:cpu"),
  predictThroughput("onnx:wasm"),
];
