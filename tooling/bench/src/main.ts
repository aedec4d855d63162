import { renameSync, writeFileSync } from "node:fs";
import { describeMachine } from "./machine.js";
import { type BenchReport, renderMarkdown, type WorkloadResult } from "./report.js";
import { summarize } from "./stats.js";
import { REPO_ROOT, WORKLOADS } from "./workloads.js";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

const runs = Number(option("--runs") ?? 5);
const only = option("--only")?.split(",");
const results: WorkloadResult[] = [];
for (const workload of WORKLOADS.filter((w) => !only || only.includes(w.id))) {
  const base = {
    id: workload.id,
    description: workload.description,
    measures: workload.measures,
    ...(workload.peer ? { peer: workload.peer } : {}),
  };
  const unavailable = workload.available();
  if (unavailable) {
    process.stderr.write(`${workload.id}: skipped (${unavailable})\n`);
    results.push({ ...base, skipped: unavailable });
    continue;
  }
  workload.run();
  const samples = Array.from({ length: runs }, () => workload.run());
  const timing = summarize(samples.map((s) => s.seconds));
  const peaks = samples.map((s) => s.peakMiB).filter((p): p is number => p !== null);
  results.push({ ...base, timing, peakMiB: peaks.length ? Math.max(...peaks) : null });
  process.stderr.write(
    `${workload.id}: median ${timing.median.toFixed(3)} s (${timing.min.toFixed(3)}–${timing.max.toFixed(3)})\n`,
  );
}
const report: BenchReport = { date: new Date().toISOString().slice(0, 10), machine: describeMachine(), results };
writeAtomically(`${REPO_ROOT}docs/benchmarks.json`, `${JSON.stringify(report, null, 2)}\n`);
writeAtomically(`${REPO_ROOT}docs/benchmarks.md`, renderMarkdown(report));
process.stdout.write(renderMarkdown(report));
