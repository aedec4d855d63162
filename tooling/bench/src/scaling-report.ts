import type { MachineInfo } from "./machine.js";
import type { ScaleModel, ScalingRow, SweepExponent } from "./scaling-analysis.js";
import type { TimingPlan } from "./scaling-measure.js";
import type { CallOverhead } from "./scaling-overhead.js";
import { reading } from "./scaling-reading.js";
import type { ScalingSize } from "./scaling-sweeps.js";

/** docs/scaling.json: everything measured, with the machine, the date and how it was measured. */
export interface ScalingReport {
  readonly date: string;
  readonly quick: boolean;
  readonly durationSeconds: number;
  readonly machine: MachineInfo;
  /** All cores: the thread count of the main sweeps (availableParallelism()). */
  readonly cores: number;
  readonly setup: {
    readonly backend: string;
    readonly network: string;
    readonly base: ScalingSize;
    readonly timing: TimingPlan;
  };
  readonly model: ScaleModel;
  readonly exponents: readonly SweepExponent[];
  readonly callOverhead: readonly CallOverhead[];
  readonly results: readonly ScalingRow[];
}

/** The backend as measured: its trainer (wasm kernel or TypeScript) comes from backend-matrix itself. */
export function setupBackend(trainer: string): string {
  return `backend-matrix (${trainer}), createParallelMatrixBackend(threads): members split over worker threads; with one thread or one member it trains on the main thread, without workers`;
}
export const SETUP_NETWORK =
  "two hidden layers of `width`, ELU, glorot-normal; frozen prior of the same shape, β = 3; full batch, Adam (learning rate 0.03); toy data (makeToyData, seed 0), no standardisation";

const number = (value: number) => value.toLocaleString("en-US");
const seconds = (value: number) => (value >= 0.1 ? value.toFixed(3) : value.toPrecision(3));

function seriesTable(rows: readonly ScalingRow[]): string[] {
  const lines = [
    "| members | points | width | units | epochs per fit | s/epoch (median) | min–max of repeats | measured / model | CPU s/epoch |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const row of rows) {
    const { min, max, median } = row.secondsPerEpoch;
    lines.push(
      `| ${row.members} | ${number(row.points)} | ${row.width} | ${number(row.units)} | ${row.epochs} | ${seconds(median)} | ${seconds(min)}–${seconds(max)} | ${row.ratio.toFixed(2)} | ${seconds(row.cpuSecondsPerEpoch)} |`,
    );
  }
  return lines;
}

function overheadTable(overheads: readonly CallOverhead[]): string[] {
  if (overheads.length === 0) return [];
  const lines = [
    "| size | threads | K | s/epoch inside one call | extra s per `fit` call | CPU s/epoch | CPU s per call |",
    "|---|---:|---:|---:|---:|---:|---:|",
  ];
  for (const o of overheads) {
    lines.push(
      `| ${o.size.members} × ${number(o.size.points)} × ${o.size.width} | ${o.threads} | ${o.epochs} | ${seconds(o.secondsPerEpoch.median)} (${seconds(o.secondsPerEpoch.min)}–${seconds(o.secondsPerEpoch.max)}) | ${seconds(o.secondsPerCall.median)} (${seconds(o.secondsPerCall.min)}–${seconds(o.secondsPerCall.max)}) | ${seconds(o.cpuSecondsPerEpoch)} | ${seconds(o.cpuSecondsPerCall)} |`,
    );
  }
  return lines;
}

/** docs/scaling.md: the tables, the fit, a short reading and how to rerun. */
export function renderScalingMarkdown(report: ScalingReport, figurePath: string): string {
  const { machine, model, setup } = report;
  const series = [...new Set(report.results.map((row) => row.series))];
  const loads = report.results.flatMap((row) => row.loadAverage);
  const lines = [
    "# How training cost scales",
    "",
    "Written by `pnpm bench:scaling` (tooling/bench/src/scaling.ts); the raw numbers are in scaling.json.",
    "Beyond one machine (jobs per second through the queue, 1, 2 and 4 workers, the plan for N machines): [queue.md](queue.md).",
    "",
    "Data larger than memory streams from Parquet or Arrow files in chunks: [streaming.md](streaming.md) (peak memory and seconds per epoch at 1 M and 10 M rows).",
    "",
    `- Run: ${report.date}, ${report.durationSeconds.toFixed(0)} s for the whole study${report.quick ? " (the `--quick` smoke run)" : ""}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; all cores = ${report.cores} threads`,
    `- 1-minute load average during the run: ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)} (per configuration in scaling.json)`,
    `- Backend: ${setup.backend}`,
    `- Network: ${setup.network}`,
    `- Timing: a warm-up picks the epochs per fit so that one \`ensemble.fit\` call takes about ${setup.timing.targetSeconds} s; then ${setup.timing.repeats} pairs of fits of that many epochs and twice as many. Seconds per epoch is the difference of the pair's times divided by the epochs (median, and the min–max of the repeats): the marginal cost of an epoch, with the per-call work of \`fit\` (copying the data, the prior pass, the final loss) cancelled out; that per-call work is measured on its own below. CPU s/epoch is the process's CPU time (all threads) per epoch, taken the same way: unlike wall time it leaves out time spent waiting for a core, though contention for caches and for the host still moves it.`,
    `- Sweeps around the base point ${setup.base.members} members × ${number(setup.base.points)} points × width ${setup.base.width}, one parameter at a time.`,
    "",
    "## The model",
    "",
    `Seconds per epoch ≈ c × members × points × width² (the work units). c = **${model.c.toPrecision(3)} s** per unit, fitted by ${model.fit}; ${model.fittedOn} configurations.`,
    ...(model.cOneThread
      ? [
          "",
          `The same fit on the one-thread members series gives c₁ = ${model.cOneThread.toPrecision(3)} s: c₁ / c = ${(model.cOneThread / model.c).toFixed(2)}, the speed-up of ${report.cores} threads at the larger sizes.`,
        ]
      : []),
    "",
    `![Seconds per epoch against members × points × width², log-log, with the line c × units](${figurePath})`,
    "",
    "## Reading",
    "",
    ...reading(report),
    "",
    "## Measured",
    "",
  ];
  for (const name of series) {
    lines.push(`### ${name}`, "", ...seriesTable(report.results.filter((row) => row.series === name)), "");
  }
  lines.push(
    "### Exponents",
    "",
    "Least-squares slope of log(s/epoch) on log(parameter): the power the cost grows with.",
    "",
    "| series | model | whole sweep | from the base point up |",
    "|---|---:|---:|---:|",
    ...report.exponents.map(
      (e) => `| ${e.series} | ${e.expected} | ${e.wholeSweep.toFixed(2)} | ${e.fromBase.toFixed(2)} |`,
    ),
    "",
  );
  if (report.callOverhead.length > 0) {
    lines.push(
      "### Per-call cost",
      "",
      "At the base point: one `fit` call of K epochs against K calls of one epoch. The extra per call is core's bootstrap draw and standardising, the backend's pass of the prior over the training set and its final-loss pass, and worker messages.",
      "",
      ...overheadTable(report.callOverhead),
      "",
    );
  }
  lines.push(
    "## Rerun",
    "",
    "```sh",
    "pnpm bench:scaling                                  # build, full study, rewrites docs/scaling.{json,md} and docs/figures/scaling.svg",
    "node tooling/bench/dist/scaling.js --quick          # well under a minute; writes to a temporary folder unless --out is given",
    "node tooling/bench/dist/scaling.js --out some/dir   # the full study written elsewhere",
    "node tooling/bench/dist/scaling.js --render docs/scaling.json   # only the Markdown and the figure again, from stored numbers",
    "```",
    "",
    "Timings move with whatever else the machine runs: compare runs only on the same, otherwise idle, machine.",
  );
  return `${lines.join("\n")}\n`;
}
