import type { FitProgress } from "../backend/fit-request.js";
import type { EnsembleOptions } from "../backend/open-session.js";
import type { Dataset } from "../data/dataset.js";
import { Ensemble, type FitHistory } from "../ensemble/ensemble.js";
import type { JobRunner, JobRunOptions, JobRunProgress } from "../jobs/job-runner.js";
import type { MemberJob, MemberJobResult } from "../jobs/member-job.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import type { ValidationOptions } from "../validation/held-out-run.js";

/** How fitSweep trains: where (backend, or a queue), for how long, and what the caller hears. */
export interface SweepOptions extends EnsembleOptions {
  /** Every spec's jobs go through this runner in one batch; without it each spec trains here in turn. */
  readonly queue?: JobRunner;
  /** Members per job with `queue` (default 1). */
  readonly membersPerJob?: number;
  /** Epochs for every spec; default each spec's own. */
  readonly epochs?: number;
  /** A validation split for every spec (Ensemble.fit's; with `queue`, without patience). */
  readonly validation?: ValidationOptions;
  readonly signal?: AbortSignal;
  /** Each spec's progress as Ensemble.fit reports it (with a queue, combined over its jobs), and which spec (its index). */
  readonly onProgress?: (progress: FitProgress & { readonly spec: number }) => unknown;
}

/** What fitSweep returns for each spec, in the order of the specs. */
export interface SweepRun {
  readonly ensemble: Ensemble;
  readonly history: FitHistory;
}

/**
 * One JobRunner call for the jobs of `expected` fits: each fit's run() waits until every fit has
 * handed in its jobs (or one has failed), then all go to `queue` together, so a queue's workers
 * take jobs of every spec at once; each fit gets its own results and its own jobs' progress back.
 */
function batchingRunner(queue: JobRunner, expected: number, signal: AbortSignal | undefined) {
  interface Entry {
    readonly jobs: readonly MemberJob[];
    readonly options: JobRunOptions;
    readonly resolve: (results: MemberJobResult[]) => void;
    readonly reject: (reason: unknown) => void;
  }
  const pending: Entry[] = [];
  let failed: { readonly reason: unknown } | null = null;
  const fail = (reason: unknown) => {
    failed ??= { reason };
    for (const entry of pending.splice(0)) entry.reject(reason);
  };
  const start = (batch: readonly Entry[], data: Dataset) => {
    // Two equal specs plan jobs with equal ids: each hears the progress of both, which is the same.
    const listeners = new Map<string, ((progress: JobRunProgress) => unknown)[]>();
    for (const entry of batch) {
      const listener = entry.options.onProgress;
      if (listener) for (const job of entry.jobs) listeners.set(job.id, [...(listeners.get(job.id) ?? []), listener]);
    }
    const onProgress = (progress: JobRunProgress) =>
      Promise.all((listeners.get(progress.jobId) ?? []).map((listener) => listener(progress)));
    queue
      .run(
        batch.flatMap((entry) => entry.jobs),
        data,
        { ...(signal ? { signal } : {}), ...(listeners.size > 0 ? { onProgress } : {}) },
      )
      .then(
        (results) => {
          let at = 0;
          for (const entry of batch) {
            entry.resolve(results.slice(at, at + entry.jobs.length));
            at += entry.jobs.length;
          }
        },
        (reason: unknown) => {
          for (const entry of batch) entry.reject(reason);
        },
      );
  };
  const runner: JobRunner = {
    run(jobs, data, options) {
      return new Promise<MemberJobResult[]>((resolve, reject) => {
        if (failed) return reject(failed.reason);
        pending.push({ jobs, options, resolve, reject });
        if (pending.length === expected) start(pending.splice(0), data);
      });
    },
  };
  return { runner, fail };
}

/**
 * Trains one ensemble per spec on `data`: a sweep, such as β candidates × seeds. Each spec is its
 * own ensemble (Ensemble.create, then fit); with `queue` every spec's member jobs go through the
 * runner in one batch, and each ensemble is the same model, bit for bit, as fitting it here
 * (docs/jobs.md). The ensembles are the caller's to dispose.
 * @param inputs - the specs, resolved or as resolveEnsembleSpec accepts them.
 * @returns each spec's ensemble and fit history, in the order of `inputs`.
 * @throws {InvalidArgumentError} for a spec or option Ensemble.create or fit refuses.
 * @throws {JobFailedError} naming the job that failed for good (with a queue).
 * @throws {AbortedError | DivergenceError | NonFiniteOutputError | DataError | ShapeError} as Ensemble.fit.
 * @throws {UnsupportedError | BackendUnavailableError} when the backend cannot train a spec (Ensemble.create).
 */
export async function fitSweep(
  inputs: readonly (EnsembleSpecInput | EnsembleSpec)[],
  data: Dataset,
  options: SweepOptions = {},
): Promise<SweepRun[]> {
  const { queue, membersPerJob, epochs, validation, signal, onProgress, ...where } = options;
  const ensembles: Ensemble[] = [];
  try {
    for (const input of inputs) ensembles.push(await Ensemble.create(input, where));
    const fitOptions = (index: number) => ({
      ...(epochs === undefined ? {} : { epochs }),
      ...(validation ? { validation } : {}),
      ...(signal ? { signal } : {}),
      ...(membersPerJob === undefined ? {} : { membersPerJob }),
      ...(onProgress ? { onProgress: (progress: FitProgress) => onProgress({ ...progress, spec: index }) } : {}),
    });
    if (!queue) {
      const runs: SweepRun[] = [];
      for (const [i, ensemble] of ensembles.entries())
        runs.push({ ensemble, history: await ensemble.fit(data, fitOptions(i)) });
      return runs;
    }
    const batch = batchingRunner(queue, ensembles.length, signal);
    const histories = await Promise.all(
      ensembles.map((ensemble, i) =>
        ensemble.fit(data, { ...fitOptions(i), queue: batch.runner }).catch((reason: unknown) => {
          batch.fail(reason);
          throw reason;
        }),
      ),
    );
    return ensembles.map((ensemble, i) => ({ ensemble, history: histories[i]! }));
  } catch (error) {
    await Promise.all(ensembles.map((ensemble) => ensemble.dispose()));
    throw error;
  }
}
