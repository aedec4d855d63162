import { existsSync, readFileSync } from "node:fs";
import { describeMachine } from "./machine.js";
import { type BenchReport, renderMarkdown, type WorkloadResult } from "./report.js";
import { summarize } from "./stats.js";
import { REPO_ROOT, WORKLOADS } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const runs = Number(option("--runs") ?? 5);
const today = new Date().toISOString().slice(0, 10);
const JSON_PATH = `${REPO_ROOT}docs/benchmarks.json`;
const NOTES_PATH = `${REPO_ROOT}docs/benchmarks-notes.md`;
const previous: BenchReport | null = existsSync(JSON_PATH)
  ? (JSON.parse(readFileSync(JSON_PATH, "utf8")) as BenchReport)
  : null;
const only = option("--only")?.split(",");
const results: WorkloadResult[] = [];
for (const workload of WORKLOADS.filter((w) => !only || only.includes(w.id))) {
  const base = {
    id: workload.id,
    date: today,
    description: workload.description,
    measures: workload.measures,
    ...(workload.peer ? { peer: workload.peer } : {}),
    ...(workload.targetSeconds === undefined ? {} : { targetSeconds: workload.targetSeconds }),
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
  const rates = samples.map((s) => s.rate).filter((r): r is number => r !== undefined);
  results.push({
    ...base,
    timing,
    peakMiB: peaks.length ? Math.max(...peaks) : null,
    ...(rates.length ? { rate: summarize(rates).median } : {}),
  });
  process.stderr.write(
    `${workload.id}: median ${timing.median.toFixed(3)} s (${timing.min.toFixed(3)}–${timing.max.toFixed(3)})\n`,
  );
}
// Workloads not run this time keep their earlier result (with its own date), in harness order.
const merged = WORKLOADS.map(
  (w) => results.find((r) => r.id === w.id) ?? previous?.results.find((r) => r.id === w.id),
).filter((r): r is WorkloadResult => r !== undefined);
const notes = existsSync(NOTES_PATH) ? ["", readFileSync(NOTES_PATH, "utf8").trimEnd()] : [];
const report: BenchReport = { date: today, machine: describeMachine(), results: merged, notes };
writeAtomically(JSON_PATH, `${JSON.stringify({ ...report, notes: undefined }, null, 2)}\n`);
writeAtomically(`${REPO_ROOT}docs/benchmarks.md`, renderMarkdown(report));
process.stdout.write(renderMarkdown(report));
