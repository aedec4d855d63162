import {
  AbortedError,
  type Dataset,
  InvalidArgumentError,
  JobFailedError,
  type JobRunner,
  type JobRunProgress,
  type MemberJob,
  type MemberJobResult,
} from "@rpf/core";
import { type Job, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { connectRedis, openRedis, parseQueueUrl, type QueueAddress, unreachable } from "./connection.js";
import { uploadDataset } from "./data-store.js";
import { NoWorkersError } from "./errors.js";
import { QUEUE_NAME, queueJobId, STORED_SECONDS } from "./names.js";

/** Options of connectQueueRunner. */
export interface QueueRunnerOptions {
  /** The queue's Redis, redis://HOST:PORT[/DB] or rediss://…. */
  readonly queue: string;
  /** Times a job is tried before the run fails with JobFailedError naming it (default 3). */
  readonly attempts?: number;
  /** Wait between a failed attempt and the next, in ms (default 1000). */
  readonly retryDelayMs?: number;
  /** How long the run waits while no worker serves the queue before it fails with NoWorkersError (default 60 000 ms). */
  readonly noWorkersTimeoutMs?: number;
  /** How long a lost connection may take to come back before the run fails (default 10 000 ms). */
  readonly reconnectMs?: number;
  /** How often the run checks its jobs, the workers and the connection, in ms (default 1000). */
  readonly checkMs?: number;
}

/** A JobRunner on a BullMQ queue; close() it when done. */
export interface QueueJobRunner extends JobRunner {
  /** The queue's URL without its password. */
  readonly address: string;
  /** Closes the queue's connections; runs in progress reject. */
  close(): Promise<void>;
}

type Progress = JobRunProgress;

/**
 * Connects to the queue at `options.queue` and returns a JobRunner that sends member jobs there:
 * it uploads the dataset once under its sha256 digest (skipped when present), enqueues each job
 * under an id derived from the whole job (so identical work is shared and a finished job's
 * result is reused), relays every job's progress, and collects the results in the jobs' order.
 * Served by `rpf worker` / startQueueWorker processes on any machine that reaches the same Redis.
 *
 * If Redis restarts (losing its data) the run notices the missing jobs, uploads the data again
 * and enqueues them again, keeping the results it already has; a connection that does not come
 * back within `reconnectMs` ends the run with QueueUnavailableError.
 *
 * @throws {InvalidArgumentError} for a malformed URL or options.
 * @throws {QueueUnavailableError} when nothing answers at the URL.
 */
export async function connectQueueRunner(options: QueueRunnerOptions): Promise<QueueJobRunner> {
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new InvalidArgumentError(`attempts must be a whole number ≥ 1, got ${attempts}`, {
      field: "attempts",
      accepted: "1, 2, 3, …",
    });
  }
  const address = parseQueueUrl(options.queue);
  const redis = openRedis(address, options.reconnectMs);
  await connectRedis(redis, address);
  const queue = new Queue<MemberJob, MemberJobResult>(QUEUE_NAME, { connection: redis });
  // QueueEvents blocks on its connection (XREAD), so it gets one of its own.
  const eventsRedis = redis.duplicate();
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsRedis });
  queue.on("error", () => {});
  events.on("error", () => {});
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  // One listener of each kind, passing each job's events only to the runs waiting for that job: a
  // sweep runs many at once, and progress events come several times a second from every worker.
  const runs = new RunRegistry();
  events.on("completed", (event) => {
    for (const run of runs.of(event.jobId)) run.completed(event);
  });
  events.on("failed", (event) => {
    for (const run of runs.of(event.jobId)) run.failed(event);
  });
  events.on("progress", (event) => {
    for (const run of runs.of(event.jobId)) run.progress(event);
  });
  redis.on("end", () => {
    for (const run of runs.all()) run.end();
  });
  const settings: RunSettings = {
    attempts,
    retryDelayMs: options.retryDelayMs ?? 1000,
    noWorkersTimeoutMs: options.noWorkersTimeoutMs ?? 60_000,
    checkMs: options.checkMs ?? 1000,
  };
  let closed = false;
  return {
    address: address.shown,
    run: (jobs, data, runOptions) => runJobs({ redis, queue, runs, address, settings }, jobs, data, runOptions),
    close: async () => {
      if (closed) return;
      closed = true;
      await events.close().catch(() => {});
      await queue.close().catch(() => {});
      await eventsRedis.quit().catch(() => eventsRedis.disconnect());
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

interface RunSettings {
  readonly attempts: number;
  readonly retryDelayMs: number;
  readonly noWorkersTimeoutMs: number;
  readonly checkMs: number;
}

/** What one run hears of the queue's events. */
interface RunListeners {
  completed(event: { jobId: string; returnvalue: unknown }): void;
  failed(event: { jobId: string }): void;
  progress(event: { jobId: string; data: unknown }): void;
  /** The connection is gone for good. */
  end(): void;
}

/** The runs in progress, and which of them wait for each queue job id (identical jobs of two runs share one). */
class RunRegistry {
  private readonly byJob = new Map<string, Set<RunListeners>>();
  private readonly runs = new Set<RunListeners>();

  add(run: RunListeners, ids: readonly string[]): void {
    this.runs.add(run);
    for (const id of ids) {
      const waiting = this.byJob.get(id);
      if (waiting) waiting.add(run);
      else this.byJob.set(id, new Set([run]));
    }
  }

  delete(run: RunListeners, ids: readonly string[]): void {
    this.runs.delete(run);
    for (const id of ids) {
      const waiting = this.byJob.get(id);
      waiting?.delete(run);
      if (waiting?.size === 0) this.byJob.delete(id);
    }
  }

  /** The runs waiting for the job with queue id `id`. */
  of(id: string): Iterable<RunListeners> {
    return this.byJob.get(id) ?? [];
  }

  all(): Iterable<RunListeners> {
    return this.runs;
  }
}

interface Connections {
  readonly redis: Redis;
  readonly queue: Queue<MemberJob, MemberJobResult>;
  readonly runs: RunRegistry;
  readonly address: QueueAddress;
  readonly settings: RunSettings;
}

async function runJobs(
  { redis, queue, runs, address, settings }: Connections,
  jobs: readonly MemberJob[],
  data: Dataset,
  options: { onProgress?: (progress: Progress) => unknown; signal?: AbortSignal },
): Promise<MemberJobResult[]> {
  if (jobs.length === 0) return [];
  const { digest } = await uploadDataset(redis, data);
  const stranger = jobs.find((job) => job.dataDigest !== digest);
  if (stranger) {
    throw new InvalidArgumentError(
      `job ${stranger.id} was planned for dataset ${stranger.dataDigest}, but the data given hashes to ${digest}`,
      { field: "data" },
    );
  }
  const ids = jobs.map(queueJobId);
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const results: (MemberJobResult | undefined)[] = new Array(jobs.length);
  let remaining = jobs.length;

  return new Promise<MemberJobResult[]>((resolve, reject) => {
    let settled = false;
    let noWorkersSince: number | null = null;
    let checking = false;
    const finish = (error: unknown, value?: MemberJobResult[]) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      runs.delete(listeners, ids);
      options.signal?.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(value!);
      else reject(error);
    };
    const accept = (id: string, returned: unknown) => {
      const index = indexOf.get(id);
      if (index === undefined || results[index] !== undefined) return;
      const job = jobs[index]!;
      const result = returned as MemberJobResult | null;
      if (!result || result.jobId !== job.id) {
        finish(
          new JobFailedError(
            job.id,
            `job ${job.id} returned ${result ? `the result of job ${result.jobId}` : "no result"}`,
          ),
        );
        return;
      }
      results[index] = result;
      remaining -= 1;
      if (remaining === 0) finish(undefined, results as MemberJobResult[]);
    };
    const failFinally = async (id: string) => {
      const index = indexOf.get(id);
      if (index === undefined || settled) return;
      const job = await queue.getJob(id);
      // A failed attempt with attempts left goes back to wait; only the last one ends the run.
      if (!job || (await job.getState()) !== "failed") return;
      const reason = job.failedReason || "no reason given";
      finish(
        new JobFailedError(
          jobs[index]!.id,
          `job ${jobs[index]!.id} failed after ${job.attemptsMade} attempt${job.attemptsMade === 1 ? "" : "s"}: ${reason}; no model was assembled`,
          {},
          new Error(reason),
        ),
      );
    };
    const onCompleted = ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      accept(jobId, typeof returnvalue === "string" ? JSON.parse(returnvalue) : returnvalue);
    };
    const onFailed = ({ jobId }: { jobId: string }) => {
      if (indexOf.has(jobId)) void failFinally(jobId).catch(() => {});
    };
    const onProgress = ({ jobId, data: reported }: { jobId: string; data: unknown }) => {
      const index = indexOf.get(jobId);
      const progress = reported as { epoch?: unknown; targetEpoch?: unknown; memberLosses?: unknown } | null;
      if (index === undefined || typeof progress?.epoch !== "number" || typeof progress.targetEpoch !== "number")
        return;
      const memberLosses = Array.isArray(progress.memberLosses) ? (progress.memberLosses as number[]) : [];
      options.onProgress?.({
        jobId: jobs[index]!.id,
        epoch: progress.epoch,
        targetEpoch: progress.targetEpoch,
        memberLosses,
      });
    };
    const onEnd = () => finish(unreachable(address, new Error("the connection was lost and did not come back")));
    const onAbort = () => {
      finish(
        new AbortedError("the run was aborted; its waiting jobs were taken off the queue", {}, options.signal?.reason),
      );
      void Promise.all(ids.map((id) => queue.remove(id).catch(() => 0))).catch(() => {});
    };
    /** Reconciles with Redis: results the events missed, jobs Redis lost, and whether any worker serves the queue. */
    const check = async () => {
      if (checking || settled) return;
      checking = true;
      try {
        const pending = ids.filter((_, index) => results[index] === undefined);
        const states = await Promise.all(pending.map((id) => queue.getJobState(id)));
        const lost: MemberJob[] = [];
        for (const [k, id] of pending.entries()) {
          const state = states[k];
          if (state === "completed") accept(id, (await queue.getJob(id))?.returnvalue);
          else if (state === "failed") await failFinally(id);
          else if (state === "unknown") lost.push(jobs[indexOf.get(id)!]!);
        }
        if (lost.length > 0 && !settled) {
          await uploadDataset(redis, data);
          await enqueue(queue, lost, settings);
        }
        const workers = await queue.getWorkersCount();
        if (workers > 0) noWorkersSince = null;
        else {
          noWorkersSince ??= Date.now();
          if (Date.now() - noWorkersSince >= settings.noWorkersTimeoutMs) {
            finish(
              new NoWorkersError(
                `no worker served the queue at ${address.shown} for ${(settings.noWorkersTimeoutMs / 1000).toFixed(0)} s; start one with \`rpf worker --queue ${address.shown}\``,
                { field: "queue", where: address.shown },
              ),
            );
          }
        }
      } catch (error) {
        // A command failing while Redis restarts is retried at the next check; a connection gone for good ends the run through onEnd.
        if (redis.status === "end") finish(unreachable(address, error));
      } finally {
        checking = false;
      }
    };
    const timer = setInterval(() => void check(), settings.checkMs);
    const listeners: RunListeners = { completed: onCompleted, failed: onFailed, progress: onProgress, end: onEnd };
    runs.add(listeners, ids);
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    void prepare(queue, jobs, ids, settings)
      .then(async (finished) => {
        for (const [id, result] of finished) accept(id, result);
        await check();
      })
      .catch((error) => finish(redis.status === "end" ? unreachable(address, error) : error));
  });
}

/**
 * Puts the run's jobs on the queue: a job already there is left alone (another run is doing the
 * same work) unless it failed (it is tried afresh); a finished one gives its result at once.
 * @returns the results of jobs already finished, by queue id.
 */
async function prepare(
  queue: Queue<MemberJob, MemberJobResult>,
  jobs: readonly MemberJob[],
  ids: readonly string[],
  settings: RunSettings,
): Promise<Map<string, MemberJobResult>> {
  const existing = await Promise.all(ids.map((id) => queue.getJob(id)));
  const finished = new Map<string, MemberJobResult>();
  const fresh: MemberJob[] = [];
  for (const [index, job] of existing.entries()) {
    const state = job ? await job.getState() : "unknown";
    if (state === "completed") finished.set(ids[index]!, (job as Job<MemberJob, MemberJobResult>).returnvalue);
    else if (state === "failed" || state === "unknown") {
      if (job) await job.remove();
      fresh.push(jobs[index]!);
    }
  }
  await enqueue(queue, fresh, settings);
  return finished;
}

async function enqueue(queue: Queue<MemberJob, MemberJobResult>, jobs: readonly MemberJob[], settings: RunSettings) {
  if (jobs.length === 0) return;
  await queue.addBulk(
    jobs.map((job) => ({
      name: job.id,
      data: job,
      opts: {
        jobId: queueJobId(job),
        attempts: settings.attempts,
        backoff: { type: "fixed", delay: settings.retryDelayMs },
        removeOnComplete: { age: STORED_SECONDS },
        removeOnFail: { age: STORED_SECONDS },
      },
    })),
  );
}
