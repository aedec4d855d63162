import type { Backend } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import type { Dataset } from "../data/dataset.js";
import { AbortedError, InvalidArgumentError, JobFailedError, throwIfAborted } from "../errors.js";
import { datasetDigest, encodeDataset } from "./dataset-bytes.js";
import type { MemberJob, MemberJobProgress, MemberJobResult } from "./member-job.js";
import { runMemberJob } from "./run-member-job.js";

/** A job's progress as a runner reports it: MemberJobProgress and the job's id. */
export interface JobRunProgress extends MemberJobProgress {
  readonly jobId: string;
}

/** What a runner reports to, and what stops it. */
export interface JobRunOptions {
  /** Called as jobs progress, from whichever worker runs them; may be called for jobs in any order. */
  readonly onProgress?: (progress: JobRunProgress) => unknown;
  /** Aborting it stops the run: jobs not yet finished are abandoned and run() rejects with AbortedError. */
  readonly signal?: AbortSignal;
}

/**
 * Where Ensemble.fit and fitSweep send their jobs: localJobRunner here, or a queue's runner
 * (@rpf/queue's BullMQ runner) that spreads them over workers. Whoever runs which job, the results
 * are the same bytes (docs/jobs.md).
 */
export interface JobRunner {
  /**
   * Runs every job on `data` (the dataset whose encodeDataset digest the jobs carry).
   * @returns one result per job, in the order of `jobs`.
   * @throws {JobFailedError} naming the first job that failed for good, its error as the cause.
   * @throws {AbortedError} when `options.signal` fires.
   */
  run(jobs: readonly MemberJob[], data: Dataset, options: JobRunOptions): Promise<MemberJobResult[]>;
}

/** Where localJobRunner trains, and how many jobs at once (default 1). */
export interface LocalJobRunnerOptions {
  readonly backend?: string | Backend;
  readonly device?: DeviceName;
  /** Jobs run at once, a whole number >= 1 (default 1); the results do not depend on it. */
  readonly concurrency?: number;
}

/**
 * A JobRunner in this process: runMemberJob for every job, `concurrency` at a time. The reference a
 * queue's runner is held to, and what tests use. A job that throws ends the run: the jobs still
 * running are aborted, none is started, and run() rejects with JobFailedError naming it (an abort
 * of the caller's signal rejects with AbortedError instead).
 * @throws {InvalidArgumentError} for a concurrency that is not a whole number >= 1.
 */
export function localJobRunner(options: LocalJobRunnerOptions = {}): JobRunner {
  const { concurrency = 1, ...where } = options;
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1))
    throw new InvalidArgumentError(`concurrency must be a whole number >= 1, got ${concurrency}`, {
      field: "concurrency",
      accepted: "a whole number >= 1",
    });
  return {
    async run(jobs, data, { onProgress, signal } = {}) {
      throwIfAborted(signal);
      const results: MemberJobResult[] = new Array(jobs.length);
      // Stops the other jobs when one fails, as well as when the caller aborts.
      const stop = new AbortController();
      const stopOnAbort = () => stop.abort(signal?.reason);
      signal?.addEventListener("abort", stopOnAbort);
      let next = 0;
      let failure: JobFailedError | null = null;
      // The data is hashed once for all the run's jobs (each checks the digest against its own); a
      // dataset that cannot be encoded fails the first job that asks, as it would have on its own.
      let digest: Promise<string> | undefined;
      const dataDigest = () => (digest ??= Promise.resolve().then(() => datasetDigest(encodeDataset(data))));
      const lane = async () => {
        while (next < jobs.length && !failure && !stop.signal.aborted) {
          const job = jobs[next]!;
          const index = next++;
          try {
            results[index] = await runMemberJob(job, data, {
              ...where,
              signal: stop.signal,
              dataDigest: await dataDigest(),
              ...(onProgress ? { onProgress: (progress) => onProgress({ ...progress, jobId: job.id }) } : {}),
            });
          } catch (error) {
            if (signal?.aborted || (failure && AbortedError.isInstance(error))) return;
            failure ??= new JobFailedError(job.id, undefined, {}, error);
            stop.abort(failure);
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, lane));
      } finally {
        signal?.removeEventListener("abort", stopOnAbort);
      }
      throwIfAborted(signal);
      if (failure) throw failure;
      return results;
    },
  };
}
