import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runProcess } from "./run-process.js";
import type { Workload } from "./workloads.js";

/**
 * Start-up as a user waits for it: the wall time of a whole process, from spawning Node to its
 * exit, run in a fresh temporary folder. Node alone is measured as the floor under every row.
 */
function wholeProcess(
  id: string,
  description: string,
  args: (dir: string) => string[],
  targetSeconds?: number,
): Workload {
  return {
    id,
    description,
    measures: "wall time of the whole process",
    ...(targetSeconds === undefined ? {} : { targetSeconds }),
    available: () => null,
    run() {
      const dir = mkdtempSync(join(tmpdir(), "rpf-bench-startup-"));
      try {
        const started = performance.now();
        const result = runProcess(process.execPath, args(dir));
        return { seconds: (performance.now() - started) / 1000, peakMiB: result.peakMiB };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The start-up rows: Node alone, `rpf --version`, `rpf --help`, and a whole default `rpf train`. */
export function startupWorkloads(cli: string): Workload[] {
  return [
    wholeProcess("startup/node", "start-up: `node -e 0` (Node alone, the floor)", () => ["-e", "0"]),
    wholeProcess("startup/version", "start-up: `rpf --version`", () => [cli, "--version"], 0.15),
    wholeProcess("startup/help", "start-up: `rpf --help`", () => [cli, "--help"], 0.15),
    wholeProcess(
      "startup/train-seed",
      "start-up and all: `rpf train --quiet --out model.json` (the seed ensemble, default backend)",
      (dir) => [cli, "train", "--quiet", "--out", join(dir, "model.json")],
      0.8,
    ),
  ];
}
