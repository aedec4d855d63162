import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { matrixBackend } from "@rpf/backend-matrix";
import {
  type Dataset,
  datasetDigest,
  type EnsembleSpecInput,
  encodeDataset,
  fitSweep,
  type JobRunner,
  localJobRunner,
  makeToyData,
  planMemberJobs,
  resolveEnsembleSpec,
} from "@rpf/core";
import { connectQueueRunner, fetchDataset, uploadDataset } from "@rpf/queue";
import { startRedisServer } from "@rpf/queue/testing";
import { Redis } from "ioredis";
import { describeMachine } from "./machine.js";
import { type QueueReport, renderQueueMarkdown, type Timed } from "./queue-report.js";
import { REPO_ROOT } from "./workloads.js";
import { writeAtomically } from "./write-atomically.js";

/**
 * `pnpm bench:queue [--quick] [--out DIR]`: the job queue on this machine. Starts its own
 * redis-server (loopback, no persistence) and `rpf worker` processes, and measures jobs per second
 * with trivial jobs, the overhead per job against the same jobs run in-process, the β × seed sweep
 * on 1, 2 and 4 worker processes against the local run (checking the bytes), and the upload and
 * download of a large dataset. Writes docs/queue.{json,md} (or DIR/queue.{json,md}); `--render
 * FILE.json` only writes FILE.md again from stored numbers.
 */
const argv = process.argv.slice(2);
const renderIndex = argv.indexOf("--render");
if (renderIndex >= 0) {
  const stored = argv[renderIndex + 1]!;
  const report = JSON.parse(readFileSync(stored, "utf8")) as QueueReport;
  writeAtomically(stored.replace(/\.json$/, ".md"), renderQueueMarkdown(report));
  process.exit(0);
}
const quick = argv.includes("--quick");
const outIndex = argv.indexOf("--out");
const outDir = outIndex >= 0 ? argv[outIndex + 1]! : `${REPO_ROOT}docs`;
const CLI = `${REPO_ROOT}apps/cli/dist/bin.js`;

const BETAS = [0, 1, 3, 10, 30];
const SEEDS = [0, 1, 2];
const SWEEP_SPEC: EnsembleSpecInput = {
  members: 8,
  // Jobs of about a second: at least 100× the queue's per-job overhead, as docs/queue.md's plan asks
  // of real sweeps (a 200-epoch sweep of 4 s measured mostly the fixed costs).
  epochs: quick ? 20 : 1000,
  inputSize: 1,
  outputSize: 1,
  trainable: { hiddenSizes: [32, 32] },
  prior: { hiddenSizes: [32, 32] },
};
const MEMBERS_PER_JOB = 4;
const TRIVIAL_JOBS = quick ? 40 : 400;
const WORKER_COUNTS = quick ? [1, 2] : [1, 2, 4];
const UPLOAD_ROWS = quick ? 100_000 : 1_000_000;

const started = performance.now();
const load: number[] = [loadavg()[0]!];
const say = (line: string) => process.stderr.write(`bench:queue: ${line}\n`);
const server = await startRedisServer();
const admin = new Redis(server.url);
const data = makeToyData({ n: 256, seed: 1 });

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const begin = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - begin) / 1000 };
}

async function startWorkers(count: number): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [CLI, "worker", "--queue", server.url, "--backend", "matrix"], {
        stdio: ["ignore", "ignore", "pipe"],
      });
      return new Promise<ChildProcess>((resolve, reject) => {
        let output = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes("worker: serving")) resolve(child);
        });
        child.once("exit", (code) => reject(new Error(`rpf worker exited with ${code}: ${output}`)));
      });
    }),
  );
}

async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.once("exit", resolve);
          child.kill("SIGTERM");
        }),
    ),
  );
  // The next measurement must not reuse this one's results (the queue shares finished jobs).
  await admin.flushall();
}

/** The sweep's ensembles (core's fitSweep): through `queue`, all specs' jobs at once; here, one after another. */
async function sweep(queue?: JobRunner, epochs = SWEEP_SPEC.epochs): Promise<string[]> {
  const specs = BETAS.flatMap((priorScale) => SEEDS.map((seed) => ({ ...SWEEP_SPEC, epochs, priorScale, seed })));
  const runs = await fitSweep(specs, data, {
    backend: matrixBackend,
    ...(queue ? { queue, membersPerJob: MEMBERS_PER_JOB } : {}),
  });
  try {
    return await Promise.all(
      runs.map(async (run) => Buffer.from((await run.ensemble.toModel()).params.trainable.buffer).toString("base64")),
    );
  } finally {
    await Promise.all(runs.map((run) => run.ensemble.dispose()));
  }
}

async function trivialJobs(dataset: Dataset) {
  const spec = resolveEnsembleSpec({
    members: TRIVIAL_JOBS,
    epochs: 1,
    inputSize: 1,
    outputSize: 1,
    trainable: { hiddenSizes: [4] },
    prior: { hiddenSizes: [4] },
  });
  const jobs = planMemberJobs(spec, await datasetDigest(encodeDataset(dataset)), { epochs: 1 });
  return jobs;
}

try {
  const tiny = makeToyData({ n: 16, seed: 2 });
  const jobs = await trivialJobs(tiny);
  say(`${jobs.length} trivial jobs in-process`);
  const local = await timed(() => localJobRunner({ backend: matrixBackend }).run(jobs, tiny, {}));
  const trivial: Timed[] = [{ workers: 0, seconds: local.seconds }];
  const runner = await connectQueueRunner({ queue: server.url });
  try {
    for (const count of WORKER_COUNTS) {
      const workers = await startWorkers(count);
      say(`${jobs.length} trivial jobs through ${count} worker process${count === 1 ? "" : "es"}`);
      const run = await timed(() => runner.run(jobs, tiny, {}));
      trivial.push({ workers: count, seconds: run.seconds });
      load.push(loadavg()[0]!);
      await stopWorkers(workers);
    }

    say("the sweep here, one ensemble after another");
    const localSweep = await timed(() => sweep());
    const sweeps: (Timed & { sameBytes: boolean })[] = [{ workers: 0, seconds: localSweep.seconds, sameBytes: true }];
    load.push(loadavg()[0]!);
    for (const count of WORKER_COUNTS) {
      const workers = await startWorkers(count);
      // A worker that serves for hours is warm: a one-epoch sweep first compiles its WebAssembly
      // kernel and JITs its loop (other job ids, so no result is reused), as the local run was
      // warmed by the trivial jobs before it.
      await sweep(runner, 1);
      say(`the sweep through ${count} worker process${count === 1 ? "" : "es"}`);
      const run = await timed(() => sweep(runner));
      const sameBytes = run.value.every((model, i) => model === localSweep.value[i]);
      sweeps.push({ workers: count, seconds: run.seconds, sameBytes });
      load.push(loadavg()[0]!);
      await stopWorkers(workers);
    }

    say(`upload and download of ${UPLOAD_ROWS} rows × 5 columns`);
    const big = makeToyData({ n: UPLOAD_ROWS, seed: 3 });
    const wide: Dataset = {
      ...big,
      inputSize: 4,
      x: new Float32Array(UPLOAD_ROWS * 4).map((_, i) => big.x[i >> 2]! + (i & 3)),
    };
    const upload = await timed(() => uploadDataset(admin, wide));
    const download = await timed(() => fetchDataset(admin, upload.value.digest));
    await admin.flushall();

    const report: QueueReport = {
      date: new Date().toISOString(),
      quick,
      machine: describeMachine(),
      load: [Math.min(...load), Math.max(...load)],
      durationSeconds: (performance.now() - started) / 1000,
      redis: "redis-server 7 on loopback, no persistence",
      trivial: { jobs: jobs.length, spec: "1 member, hidden [4], 1 epoch on 16 rows", runs: trivial },
      sweep: {
        candidates: BETAS.length * SEEDS.length,
        betas: BETAS,
        seeds: SEEDS,
        spec: `${SWEEP_SPEC.members} members × ${SWEEP_SPEC.epochs} epochs, hidden [32, 32], 256 toy rows`,
        membersPerJob: MEMBERS_PER_JOB,
        runs: sweeps,
      },
      upload: {
        rows: UPLOAD_ROWS,
        columns: 5,
        bytes: upload.value.bytes,
        uploadSeconds: upload.seconds,
        downloadSeconds: download.seconds,
      },
    };
    writeAtomically(`${outDir}/queue.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeAtomically(`${outDir}/queue.md`, renderQueueMarkdown(report));
    say(`wrote ${outDir}/queue.{json,md} in ${report.durationSeconds.toFixed(0)} s`);
  } finally {
    await runner.close();
  }
} finally {
  admin.disconnect();
  await server.stop();
}
