import type { MachineInfo } from "./machine.js";
import type { Timing } from "./stats.js";

export interface WorkloadResult {
  readonly id: string;
  /** The day this workload was measured (rows from earlier runs keep their own date). */
  readonly date: string;
  /** Median throughput, for throughput workloads. */
  readonly rate?: number;
  readonly description: string;
  readonly measures: string;
  readonly skipped?: string;
  readonly timing?: Timing;
  readonly peakMiB?: number | null;
  readonly peer?: string;
  /** The target for the median, in seconds, if the workload has one. */
  readonly targetSeconds?: number;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: MachineInfo;
  readonly results: readonly WorkloadResult[];
  /** Markdown appended after the table: analysis that the numbers alone do not say. */
  readonly notes?: readonly string[];
}

const seconds = (value: number) => `${value.toFixed(3)} s`;

function describeRatio(ours: number, peer: number, peerId: string): string {
  return ours <= peer
    ? `${(peer / ours).toFixed(2)}× faster than ${peerId}`
    : `${(ours / peer).toFixed(2)}× slower than ${peerId}`;
}

function describeTarget(median: number, target: number | undefined): string {
  if (target === undefined) return "";
  return `target ≤ ${seconds(target)}: ${median <= target ? "met" : "missed"}`;
}

/** docs/benchmarks.md: every number with the machine and the date it was measured on. */
export function renderMarkdown(report: BenchReport): string {
  const { machine } = report;
  const byId = new Map(report.results.map((r) => [r.id, r]));
  const lines = [
    "# Benchmarks",
    "",
    "Written by `pnpm bench` (tooling/bench); rerun it to refresh. Times are medians with the min–max range;",
    "each workload runs once to warm up (not counted) and then several times. Peak memory is the peak",
    "resident set of the measured process.",
    "",
    `- Last run: ${report.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}`,
    "",
    "| workload | measures | median | min–max | runs | throughput | peak memory | vs peer or target | measured |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const result of report.results) {
    if (!result.timing) {
      lines.push(
        `| ${result.description} | ${result.measures} | skipped: ${result.skipped} | | | | | | ${result.date} |`,
      );
      continue;
    }
    const peer = result.peer ? byId.get(result.peer)?.timing : undefined;
    const ratio = peer
      ? describeRatio(result.timing.median, peer.median, result.peer!)
      : describeTarget(result.timing.median, result.targetSeconds);
    const memory = result.peakMiB ? `${result.peakMiB.toFixed(0)} MiB` : "";
    lines.push(
      `| ${result.description} | ${result.measures} | ${seconds(result.timing.median)} | ${seconds(result.timing.min)}–${seconds(result.timing.max)} | ${result.timing.runs} | ${result.rate ? `${(result.rate / 1e6).toFixed(1)} M/s` : ""} | ${memory} | ${ratio} | ${result.date} |`,
    );
  }
  return `${[...lines, ...(report.notes ?? [])].join("\n")}\n`;
}
