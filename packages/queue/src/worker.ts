import {
  type Backend,
  checkFiniteAtLeastZero,
  type Dataset,
  isRpfError,
  type MemberJob,
  type MemberJobResult,
  RpfError,
  runMemberJob,
} from "@rpf/core";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { checkpointStore } from "./checkpoint-store.js";
import { connectRedis, openRedis, parseQueueUrl, unreachable } from "./connection.js";
import { fetchDataset } from "./data-store.js";
import { QUEUE_NAME } from "./names.js";

/** How long a job's lock lasts unless its worker renews it (BullMQ renews at half of it). */
export const DEFAULT_LOCK_MS = 30_000;

/** The epochs at which a worker may store a job's checkpoint: multiples of this. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

/**
 * Seconds at least between two checkpoints of a job: a killed worker's job loses at most about
 * this much training (plus one `checkpointEvery`), and a job's checkpoints cost one encoding of its
 * state and one Redis SET per interval, however fast its epochs are.
 */
export const DEFAULT_CHECKPOINT_SECONDS = 5;

/**
 * Milliseconds at least between two progress reports of a job (its last epoch is always
 * reported): each is a Redis command and an event every caller reads, so the rate is bounded by
 * time, not by epochs.
 */
export const PROGRESS_MS = 250;

/** What a worker reports as it serves jobs (the CLI prints these as lines). */
export type WorkerEvent =
  | { readonly kind: "started"; readonly job: string; readonly attempt: number; readonly resumed: boolean }
  | { readonly kind: "completed"; readonly job: string; readonly seconds: number }
  | { readonly kind: "failed"; readonly job: string; readonly message: string; readonly final: boolean };

/** Options of startQueueWorker. */
export interface QueueWorkerOptions {
  /** The queue's Redis, redis://HOST:PORT[/DB] or rediss://…. */
  readonly queue: string;
  /** Jobs run at once in this process (default 1: training keeps one core busy; run more processes for more cores). */
  readonly concurrency?: number;
  /** Backend that trains, as for Ensemble.create (default "auto"). */
  readonly backend?: string | Backend;
  /** A job's checkpoints are stored only at multiples of this many epochs (default 100), so a resume is bit-identical. */
  readonly checkpointEvery?: number;
  /**
   * Seconds at least between two stored checkpoints of a job (default 5; 0: at every
   * `checkpointEvery` epochs). Each costs an encoding of the group's whole training state and a
   * Redis SET, which training waits for: with fast epochs an epoch-only cadence spends much of the
   * job on them.
   */
  readonly checkpointSeconds?: number;
  /**
   * A job's lock, in ms (default 30 000). A worker that dies (SIGKILL, a lost machine) stops renewing
   * it; once it lapses, the stall check of any live worker (every lockMs / 2) puts the job back to
   * wait, and the next worker resumes it from its checkpoint. Shorter locks notice deaths sooner but
   * need the event loop free more often than that: core's fit loop yields every ~50 ms, yet one epoch
   * is never split, so keep it well above the time of one epoch.
   */
  readonly lockMs?: number;
  /** How long a lost connection may take to come back before the worker stops (default 10 000 ms). */
  readonly reconnectMs?: number;
  /** Called for each job started, completed or failed. */
  readonly onEvent?: (event: WorkerEvent) => unknown;
  /** Runs one job (default core's runMemberJob); tests put a failing one here. */
  readonly runJob?: typeof runMemberJob;
}

/** A running worker. */
export interface QueueWorker {
  /** Settles when the worker has stopped: resolves after close(), rejects when its Redis is gone for good. */
  readonly stopped: Promise<void>;
  /** Lets running jobs finish (or, with `force`, abandons them to be retried elsewhere), then disconnects. */
  close(force?: boolean): Promise<void>;
}

/** Codes of errors that would come back on every attempt: retrying them only wastes the attempts. */
const DETERMINISTIC = new Set(["invalid_argument", "invalid_data", "shape_mismatch", "unsupported", "diverged"]);

/**
 * Serves rpf's member jobs from the queue at `options.queue`: fetches each job's dataset by its
 * digest (checked once per dataset, not per job), trains the job's members with core's
 * runMemberJob on this machine's backend, stores a checkpoint at multiples of `checkpointEvery`
 * epochs at most once per `checkpointSeconds` and resumes from it when the job is a retry, reports
 * progress (job.updateProgress, at most every PROGRESS_MS and without holding training up) and
 * returns the result to the caller through the queue.
 * A job that fails with a deterministic rpf error (bad spec or data, divergence) fails at once;
 * any other failure is retried as many times as the caller allowed.
 *
 * @throws {InvalidArgumentError} for a malformed URL or options.
 * @throws {QueueUnavailableError} when nothing answers at the URL.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const address = parseQueueUrl(options.queue);
  checkFiniteAtLeastZero(options.checkpointSeconds, "checkpointSeconds", "seconds");
  const checkpointSeconds = options.checkpointSeconds ?? DEFAULT_CHECKPOINT_SECONDS;
  const redis = openRedis(address, options.reconnectMs);
  await connectRedis(redis, address);
  const runJob = options.runJob ?? runMemberJob;
  const checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;
  const datasets = new DatasetCache(redis);
  const report = (event: WorkerEvent) => void options.onEvent?.(event);

  const processor = async (job: Job<MemberJob, MemberJobResult>, _token?: string, signal?: AbortSignal) => {
    const memberJob = job.data;
    const checkpoints = checkpointStore(redis, job.id!);
    try {
      const data = await datasets.get(memberJob.dataDigest);
      // Only a job started before (a retry, or a stalled job taken up again) can have a checkpoint:
      // a first start spares the round trip.
      const resumeFrom = job.attemptsStarted > 1 ? await checkpoints.load() : null;
      report({ kind: "started", job: memberJob.id, attempt: job.attemptsStarted, resumed: resumeFrom !== null });
      let stored = resumeFrom !== null;
      const result = await runJob(memberJob, data, {
        ...(options.backend === undefined ? {} : { backend: options.backend }),
        ...(signal ? { signal } : {}),
        ...(resumeFrom === null ? {} : { resumeFrom }),
        // fetchDataset checked the download's bytes against this digest.
        dataDigest: memberJob.dataDigest,
        checkpoint: {
          every: checkpointEvery,
          minSeconds: checkpointSeconds,
          save: async (checkpoint) => {
            stored = true;
            await checkpoints.save(checkpoint);
          },
        },
        // Reports bounded by time alone (progressEvery past the job's end): epoch-bound ones would
        // also cut the fit loop's time slices short.
        progressEvery: Math.max(1, memberJob.epochs),
        progressMs: PROGRESS_MS,
        onProgress: (progress) => {
          // Training does not wait for Redis; a report lost with the connection is of no consequence.
          job
            .updateProgress({
              epoch: progress.epoch,
              targetEpoch: progress.targetEpoch,
              memberLosses: [...progress.memberLosses],
            })
            .catch(() => {});
        },
      });
      if (stored) await checkpoints.clear();
      report({ kind: "completed", job: memberJob.id, seconds: result.seconds });
      return result;
    } catch (error) {
      const deterministic = isRpfError(error) && DETERMINISTIC.has(error.code);
      const final = deterministic || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      report({ kind: "failed", job: memberJob.id, message: messageOf(error), final });
      throw deterministic ? new UnrecoverableError(messageOf(error)) : error;
    }
  };

  const worker = new Worker<MemberJob, MemberJobResult>(QUEUE_NAME, processor, {
    connection: redis,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
    // A killed worker's job may stall more than once (each kill); the caller's attempts bound failures.
    maxStalledCount: 5,
    autorun: false,
  });
  // BullMQ reports connection trouble here too; the stopped promise carries what is fatal.
  worker.on("error", () => {});
  let closing = false;
  const stopped = new Promise<void>((resolve, reject) => {
    redis.once("end", () => {
      if (closing) resolve();
      else reject(unreachable(address, new Error("the connection was lost and did not come back")));
    });
  });
  stopped.catch(() => {
    void worker.close(true).catch(() => {});
  });
  void worker.run().catch(() => {});
  await worker.waitUntilReady();
  return {
    stopped,
    close: async (force = false) => {
      closing = true;
      await worker.close(force);
      await redis.quit().catch(() => redis.disconnect());
      await stopped.catch(() => {});
    },
  };
}

function messageOf(error: unknown): string {
  if (error instanceof RpfError || error instanceof Error) return error.message;
  return String(error);
}

/** The last few datasets fetched (each checked against its digest once), by digest: a worker's jobs mostly share one. */
class DatasetCache {
  private readonly entries = new Map<string, Promise<Dataset>>();
  constructor(private readonly redis: import("ioredis").Redis) {}

  get(digest: string): Promise<Dataset> {
    const cached = this.entries.get(digest);
    if (cached) return cached;
    const fetched = fetchDataset(this.redis, digest);
    this.entries.set(digest, fetched);
    fetched.catch(() => this.entries.delete(digest));
    // Two datasets at most: a worker between two runs; more would hold memory for nothing.
    while (this.entries.size > 2) this.entries.delete(this.entries.keys().next().value!);
    return fetched;
  }
}
