import { join } from "node:path";
import { finiteJson, InvalidArgumentError } from "@rpf/core";
import { DEEP_SEA_SWEEPS, type DeepSeaReport, runDeepSeaExperiment } from "@rpf/decisions";
import { writeFileAtomically } from "../atomic-write.js";
import { writeStdout } from "../stdio.js";
import { deepSeaFigure } from "./deepsea-figure.js";
import { saveFigure } from "./figures.js";
import type { ReproduceOptions } from "./options.js";

const WHOLE_NUMBER = /^\d+$/;

/**
 * `--sizes`: comma-separated whole numbers; the range and repeats are checked by the experiment.
 * @throws {InvalidArgumentError} for anything else, and for an empty list.
 */
export function parseSizes(text: string): number[] {
  const parts = text.split(",").map((part) => part.trim());
  if (text.trim() === "") {
    throw new InvalidArgumentError("--sizes is empty: give at least one N, e.g. --sizes 4,8", { field: "sizes" });
  }
  for (const part of parts) {
    if (!WHOLE_NUMBER.test(part)) {
      throw new InvalidArgumentError(`--sizes takes whole numbers separated by commas (e.g. 4,8), got "${text}"`, {
        field: "sizes",
      });
    }
  }
  return parts.map(Number);
}

function describeRun(report: DeepSeaReport): string[] {
  return report.cells.map(
    (cell) =>
      `N=${cell.n} β=${cell.beta}: ${cell.runs.map((r) => `seed ${r.seed} ${r.learned ? `learned at ${r.episodes}` : `not learned in ${r.episodes}`}`).join(", ")}`,
  );
}

/**
 * Runs the DeepSea experiment (bootstrapped DQN with and without randomized priors over a sweep
 * of N), writes deepsea.svg, deepsea.png and deepsea.json under --out, and prints a summary
 * (or, with --json, the report).
 * @throws {InvalidArgumentError} for a bad --sizes, or a --backend other than auto (it runs on backend-matrix).
 */
export async function runDeepSeaReproduction(options: ReproduceOptions): Promise<void> {
  if (options.backend !== "auto")
    throw new InvalidArgumentError("rpf reproduce deepsea runs on backend-matrix only: leave out --backend", {
      field: "backend",
    });
  const sweep = options.quick ? DEEP_SEA_SWEEPS.quick : DEEP_SEA_SWEEPS.full;
  const sizes = options.sizes === undefined ? [...sweep.sizes] : parseSizes(options.sizes);
  const log = (line: string) => {
    if (!options.json && !options.quiet) process.stderr.write(`${line}\n`);
  };
  const report = await runDeepSeaExperiment({
    sizes,
    seeds: sweep.seeds,
    budget: sweep.budget,
    onRun: (run) =>
      log(
        `N=${run.n} β=${run.beta} seed ${run.seed}: ${run.learned ? "learned" : "not learned"} after ${run.episodes} episodes (${run.seconds.toFixed(1)} s)`,
      ),
  });
  await saveFigure(options.out, "deepsea", deepSeaFigure(report));
  await writeFileAtomically(join(options.out, "deepsea.json"), `${finiteJson(report, 2)}\n`);
  if (options.json) {
    await writeStdout(`${finiteJson(report)}\n`);
    return;
  }
  for (const line of describeRun(report)) log(line);
  await writeStdout(
    `DeepSea: ${report.cells.length} runs of ${report.seeds.length} seed(s) in ${report.seconds.toFixed(1)} s; deepsea.svg, deepsea.png and deepsea.json in ${options.out}\n`,
  );
}
