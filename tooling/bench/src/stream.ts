import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CHUNK_ROWS } from "@rpf/core";
import { describeMachine } from "./machine.js";
import { runProcess } from "./run-process.js";
import { renderStreamMarkdown, type StreamReport, type StreamRun } from "./stream-report.js";
import { STREAM_ROW_GROUP, STREAM_SPEC } from "./stream-setup.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * `pnpm bench:stream`: writes Parquet files of 1 M and 10 M rows × 5 columns, trains on each
 * streamed from disk in a process of its own, and writes docs/streaming.md with each run's peak
 * memory and seconds per epoch. `--rows 1000000,10000000`, `--epochs 1`, `--dir DIR` (keep the
 * files there and reuse them; default a temporary folder, removed at the end), `--out FILE`.
 */
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const sizes = option("--rows", "1000000,10000000").split(",").map(Number);
const epochs = option("--epochs", "1");
const given = process.argv.includes("--dir");
const dir = given ? option("--dir", "") : mkdtempSync(join(tmpdir(), "rpf-stream-bench-"));
const out = option("--out", `${REPO_ROOT}docs/streaming.md`);
const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

const loadBefore = loadavg()[0]!;
const started = performance.now();
const runs: StreamRun[] = [];
try {
  for (const rows of sizes) {
    const file = join(dir, `rows-${rows}.parquet`);
    if (!existsSync(file)) {
      process.stderr.write(`writing ${file}\n`);
      runProcess(process.execPath, [script("stream-generate.js"), file, String(rows)]);
    }
    process.stderr.write(`training on ${rows} rows, ${epochs} epochs\n`);
    const { stdout } = runProcess(process.execPath, [script("stream-train.js"), file, epochs]);
    const run = {
      ...JSON.parse(stdout.trim().split("\n").at(-1)!),
      fileMiB: statSync(file).size / 2 ** 20,
    } as StreamRun;
    process.stderr.write(`${JSON.stringify(run)}\n`);
    runs.push(run);
  }
} finally {
  if (!given) rmSync(dir, { recursive: true, force: true });
}
const report: StreamReport = {
  date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  machine: describeMachine(),
  load: [loadBefore, loadavg()[0]!],
  spec: JSON.stringify(STREAM_SPEC),
  rowGroup: STREAM_ROW_GROUP,
  chunkRows: DEFAULT_CHUNK_ROWS,
  runs,
  seconds: (performance.now() - started) / 1000,
};
writeAtomically(out, renderStreamMarkdown(report));
process.stdout.write(`wrote ${out} in ${report.seconds.toFixed(0)} s\n`);
