import { DEFAULT_CHECKPOINT_SECONDS, DEFAULT_LOCK_MS } from "@rpf/queue";
import type { MachineInfo } from "./machine.js";

/** One timed run: `workers` worker processes (0: in this process, no queue). */
export interface Timed {
  readonly workers: number;
  readonly seconds: number;
}

/** docs/queue.json: what `pnpm bench:queue` measured, with the machine and the date. */
export interface QueueReport {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  /** Lowest and highest 1-minute load average sampled during the run. */
  readonly load: readonly [number, number];
  readonly durationSeconds: number;
  readonly redis: string;
  readonly trivial: { readonly jobs: number; readonly spec: string; readonly runs: readonly Timed[] };
  readonly sweep: {
    readonly candidates: number;
    readonly betas: readonly number[];
    readonly seeds: readonly number[];
    readonly spec: string;
    readonly membersPerJob: number;
    readonly runs: readonly (Timed & { readonly sameBytes: boolean })[];
  };
  readonly upload: {
    readonly rows: number;
    readonly columns: number;
    readonly bytes: number;
    readonly uploadSeconds: number;
    readonly downloadSeconds: number;
  };
}

/** A network link between machines, for the plan: 1 Gbit/s, in bytes per second. */
const LINK_BYTES_PER_SECOND = 125e6;

const where = (workers: number) =>
  workers === 0 ? "here, no queue" : `${workers} worker process${workers === 1 ? "" : "es"}`;
const fixed = (value: number, digits: number) => value.toFixed(digits);
const workers = (count: number) => `${Math.max(1, Math.round(count))} worker${Math.round(count) > 1 ? "s" : ""}`;

/** docs/queue.md: the measurements, what they say, and the plan for N machines. */
export function renderQueueMarkdown(report: QueueReport): string {
  const { machine: m, trivial, sweep, upload } = report;
  const localTrivial = trivial.runs.find((run) => run.workers === 0)!;
  const oneTrivial = trivial.runs.find((run) => run.workers === 1)!;
  const bestRate = Math.max(...trivial.runs.filter((run) => run.workers > 0).map((run) => trivial.jobs / run.seconds));
  const overheadMs = ((oneTrivial.seconds - localTrivial.seconds) / trivial.jobs) * 1000;
  const localSweep = sweep.runs.find((run) => run.workers === 0)!;
  const oneSweep = sweep.runs.find((run) => run.workers === 1)!;
  const twoSweep = sweep.runs.find((run) => run.workers === 2);
  const sweepJobs = sweep.candidates * Math.ceil(Number(/^(\d+)/.exec(sweep.spec)![1]) / sweep.membersPerJob);
  const jobSeconds = localSweep.seconds / sweepJobs;
  const saturating = bestRate * jobSeconds;
  const mb = upload.bytes / 1e6;
  const uploadRate = mb / upload.uploadSeconds;
  const downloadRate = mb / upload.downloadSeconds;
  // The bench's own workers and caller raise the load above the cores while 4 workers run; only a
  // lowest sample above the cores says that other work shared the machine.
  const crowded = report.load[0] > m.cores;
  const lines = [
    "# Training on many machines: the job queue",
    "",
    "Written by `pnpm bench:queue` (tooling/bench/src/queue.ts); the raw numbers are in queue.json. How to run it: [README](../README.md#on-many-machines); how training cost grows on one machine: [scaling.md](scaling.md).",
    "",
    `- Run: ${report.date}, ${fixed(report.durationSeconds, 0)} s in all${report.quick ? " (the `--quick` smoke run)" : ""}`,
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}; ${report.redis}; every worker a separate \`rpf worker --backend matrix\` process on this machine (one core each).`,
    `- 1-minute load average during the run: ${fixed(report.load[0], 1)} to ${fixed(report.load[1], 1)}${crowded ? ` — more work than cores even at its lowest (other jobs, or the build that pnpm bench:queue runs first, still in the 1-minute average), so the times below may be inflated and the speed-ups understate what idle cores give` : " (the bench's own worker processes and caller count in it; at its lowest it was within the cores, so no other work crowded the run)"}.`,
    "",
    "## Jobs per second and the overhead per job",
    "",
    `${trivial.jobs} trivial jobs (${trivial.spec}), each through the whole path: enqueue, a worker takes it, fetches the data (once per worker), trains, stores the result, the caller collects it.`,
    "",
    "| where | seconds | jobs / s |",
    "|---|---:|---:|",
    ...trivial.runs.map(
      (run) => `| ${where(run.workers)} | ${fixed(run.seconds, 2)} | ${fixed(trivial.jobs / run.seconds, 0)} |`,
    ),
    "",
    `Overhead per job through the queue (1 worker against the same jobs in-process): **${fixed(overheadMs, 1)} ms**. The most jobs per second measured: **${fixed(bestRate, 0)}**; on ${m.cores} cores the workers, Redis and the caller compete for the same cores, so this is a floor on what Redis itself sustains.`,
    "",
    `## The sweep: β ∈ {${sweep.betas.join(", ")}} × seeds {${sweep.seeds.join(", ")}}`,
    "",
    `${sweep.candidates} ensembles of ${sweep.spec}; ${sweep.membersPerJob} members per job, ${sweepJobs} jobs. Through the queue all ${sweep.candidates} fits run at once from one caller; here, one after another.`,
    "",
    "| where | seconds | speed-up over here | speed-up over 1 worker | same bytes as here |",
    "|---|---:|---:|---:|---|",
    ...sweep.runs.map(
      (run) =>
        `| ${where(run.workers)} | ${fixed(run.seconds, 2)} | ${fixed(localSweep.seconds / run.seconds, 2)}× | ${run.workers === 0 ? "–" : `${fixed(oneSweep.seconds / run.seconds, 2)}×`} | ${run.sameBytes ? "yes" : "**no**"} |`,
    ),
    "",
    twoSweep
      ? `2 workers against 1: **${fixed(oneSweep.seconds / twoSweep.seconds, 2)}×** (target ≥ 1.7×; ${oneSweep.seconds / twoSweep.seconds >= 1.7 ? "met" : "not met in this run"}). ${m.cores} cores cap the speed-up at ${m.cores}×: more workers than cores only share them.${sweep.runs.some((run) => run.workers > 0 && oneSweep.seconds / run.seconds > Math.min(run.workers, m.cores) * 1.05) ? ` A speed-up above that cap means the machine's other load changed between the runs: on this shared machine the times are noisy, and only a rerun on an idle machine gives the real ratios.` : ""}`
      : "",
    "",
    "## The data",
    "",
    `A dataset is uploaded once per run under the sha256 of its bytes (skipped when Redis has it) and each worker downloads it once and checks the digest. ${upload.rows.toLocaleString("en")} rows × ${upload.columns} columns = ${fixed(mb, 1)} MB: upload (encode, hash, SET) ${fixed(upload.uploadSeconds, 2)} s (${fixed(uploadRate, 0)} MB/s), download (GET, hash, decode) ${fixed(upload.downloadSeconds, 2)} s (${fixed(downloadRate, 0)} MB/s), on loopback; both times include the sha256 and the encoding or decoding in JavaScript, not only the transfer. A Redis string holds at most 512 MB, about 21 M rows × 5 columns.`,
    "",
    "## Plan for N machines",
    "",
    `- **Work per job.** A sweep job here (${sweep.membersPerJob} members) takes about ${fixed(jobSeconds, 2)} s; the queue adds ${fixed(overheadMs, 1)} ms to each, ${fixed((overheadMs / 1000 / jobSeconds) * 100, 1)} % of it. Keep jobs at least 100× the overhead (raise --members-per-job for small members) and the queue costs under 1 %.`,
    `- **When the queue is the bottleneck.** N single-core workers finish N ÷ ${fixed(jobSeconds, 2)} s jobs per second; Redis handled at least ${fixed(bestRate, 0)} jobs per second here, so jobs of this size saturate it near **${workers(saturating)}**; with jobs 10× longer (10× the members per job, or more epochs), near ${workers(saturating * 10)}. Past that, larger jobs, not more machines, help; a second Redis (a second queue) is the next step.`,
    `- **When the data is the bottleneck.** Every worker downloads the data once: N workers pull N × ${fixed(mb, 1)} MB. Through one 1 Gbit/s link out of Redis that is ${fixed((mb * 1e6) / LINK_BYTES_PER_SECOND, 2)} s per worker, so 100 workers wait ${fixed((100 * mb * 1e6) / LINK_BYTES_PER_SECOND, 0)} s before they all start (here a worker took in ${fixed(downloadRate, 0)} MB/s on loopback, hash and decode included). Once N × data ÷ link exceeds the run's length, put the data where the workers are (a replica of Redis, or a file store) — the digest check makes any copy safe.`,
    `- **Faults.** A worker that dies loses at most the training since its job's last checkpoint (\`rpf worker --checkpoint-seconds\`, ${DEFAULT_CHECKPOINT_SECONDS} s, on multiples of \`--checkpoint-every\` epochs); its job waits up to the lock (\`--lock-seconds\`, ${DEFAULT_LOCK_MS / 1000} s) plus a stall check before another worker resumes it. A Redis restart without persistence loses the queue: the caller notices within a second, uploads the data and enqueues the missing jobs again; the results it already has are kept.`,
    "",
    "## Rerun",
    "",
    "```sh",
    "pnpm bench:queue                                    # build, full run, rewrites docs/queue.{json,md}",
    "node tooling/bench/dist/queue.js --quick --out /tmp # a smoke run elsewhere",
    "node tooling/bench/dist/queue.js --render docs/queue.json   # only the Markdown again, from stored numbers",
    "```",
    "",
    "Timings move with whatever else the machine runs: compare runs only on the same, otherwise idle, machine.",
    "",
  ];
  return lines.join("\n");
}
