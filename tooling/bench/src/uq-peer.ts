import { runProcess } from "./run-process.js";
import type { SplitFiles, UqRun } from "./uq-rpf.js";
import { PYTHON, REPO_ROOT } from "./workloads.js";

const PEER = `${REPO_ROOT}tooling/bench/peer/torch_uq.py`;

/**
 * The PyTorch peer (tooling/bench/peer/torch_uq.py: a 5-member heteroscedastic deep ensemble with
 * early stopping) on the same split files, seeded with the split's number, on one thread.
 */
export function runPeer(split: SplitFiles): UqRun {
  const started = performance.now();
  const { stdout } = runProcess(PYTHON, [PEER, split.train, split.test, split.target, String(split.seed), "1"]);
  const seconds = (performance.now() - started) / 1000;
  const output = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { mean: number[]; std: number[] };
  return { mean: Float32Array.from(output.mean), std: Float32Array.from(output.std), seconds };
}
