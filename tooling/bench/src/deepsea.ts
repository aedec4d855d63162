import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DeepSeaReport } from "@rpf/decisions";
import { renderDeepSeaMarkdown, type TimedRun } from "./deepsea-report.js";
import { describeMachine } from "./machine.js";
import { runProcess } from "./run-process.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * `pnpm bench:deepsea`: times `rpf reproduce deepsea --quick` and the full sweep (the CLI's own
 * process, wall clock, with the load average around each), keeps the full run's figure and
 * deepsea.json in docs/, and writes docs/deepsea.md. `--quick`: only the quick run, into a
 * temporary folder.
 */
const quickOnly = process.argv.includes("--quick");
const out = resolve(quickOnly ? mkdtempSync(join(tmpdir(), "rpf-deepsea-")) : `${REPO_ROOT}docs`);
const CLI = `${REPO_ROOT}apps/cli/dist/bin.js`;

function timed(args: readonly string[], folder: string): TimedRun {
  const load = loadavg()[0]!;
  const started = performance.now();
  const { stdout } = runProcess(process.execPath, [CLI, "reproduce", "deepsea", "--json", "--out", folder, ...args]);
  return {
    args: ["reproduce", "deepsea", ...args].join(" "),
    seconds: (performance.now() - started) / 1000,
    load: [load, loadavg()[0]!],
    report: JSON.parse(stdout) as DeepSeaReport,
  };
}

const quick = timed(["--quick"], mkdtempSync(join(tmpdir(), "rpf-deepsea-quick-")));
const full = quickOnly ? null : timed([], join(out, "figures"));
const date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
writeAtomically(
  join(out, "deepsea.md"),
  renderDeepSeaMarkdown({ date, machine: describeMachine(), quick, full }, "figures/deepsea.svg"),
);
process.stdout.write(
  `quick ${quick.seconds.toFixed(1)} s${full ? `, full ${full.seconds.toFixed(1)} s` : ""}; wrote ${out}/deepsea.md\n`,
);
