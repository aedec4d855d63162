import type { FitProgress } from "../backend/fit-request.js";
import type { Dataset } from "../data/dataset.js";
import { JobFailedError, ShapeError } from "../errors.js";
import { decodeFloat32 } from "../io/float32-base64.js";
import { decodeFloat64 } from "../io/float64-base64.js";
import { paramCounts } from "../members/params.js";
import { joinTrainingStates, type TrainingState } from "../members/training-state.js";
import type { EnsembleSpec } from "../spec/types.js";
import { concatenate } from "../typed-arrays.js";
import { datasetDigest, encodeDataset } from "./dataset-bytes.js";
import type { JobRunner, JobRunProgress } from "./job-runner.js";
import { decodeTrainingState } from "./job-state.js";
import { type MemberJob, type MemberJobResult, planMemberJobs } from "./member-job.js";

/** The whole ensemble's training, put together from its jobs' results. */
export interface TrainedByJobs {
  /** Float32 [members, paramCount]. */
  readonly trainable: Float32Array;
  /** Every member's state, joined in member order. */
  readonly state: TrainingState;
  /** Float32 [epochs, members]. */
  readonly lossHistory: Float32Array;
  /** [members]. */
  readonly finalLosses: Float64Array;
}

/** How trainByJobs runs: the runner, the group size, and what the caller hears. */
export interface TrainByJobsOptions {
  readonly queue: JobRunner;
  readonly epochs: number;
  readonly membersPerJob?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FitProgress) => unknown;
}

/**
 * The jobs' progress combined into the fit loop's: `epoch` is the member-epochs completed over all
 * jobs divided by the members, rounded down (the mean epoch a member has reached), `targetEpoch`
 * the fit's epochs; `memberLosses` holds the latest loss of every member whose job has reported so
 * far, in member order (all members once every job has begun); `recentLosses` is empty, since
 * jobs report their epochs at their own cadence.
 */
function combinedProgress(
  jobs: readonly MemberJob[],
  members: number,
  epochs: number,
  report: (progress: FitProgress) => unknown,
): (progress: JobRunProgress) => unknown {
  const latest = new Map<string, JobRunProgress>();
  const order = new Map(jobs.map((job, index) => [job.id, index]));
  return (progress) => {
    if (!order.has(progress.jobId)) return undefined;
    latest.set(progress.jobId, progress);
    let memberEpochs = 0;
    const losses: number[] = [];
    for (const job of jobs) {
      const seen = latest.get(job.id);
      if (!seen) continue;
      memberEpochs += seen.epoch * job.memberCount;
      losses.push(...seen.memberLosses);
    }
    return report({
      epoch: Math.floor(memberEpochs / members),
      targetEpoch: epochs,
      memberLosses: Float64Array.from(losses),
      recentLosses: new Float64Array(0),
    });
  };
}

/** One result's arrays, checked against its job; a result that does not fit names the job. */
function decodeResult(spec: EnsembleSpec, job: MemberJob, result: MemberJobResult | undefined) {
  if (result?.jobId !== job.id)
    throw new JobFailedError(
      job.id,
      `the runner returned ${result ? `the result of job ${result.jobId}` : "no result"} for job ${job.id}`,
    );
  const count = job.memberCount;
  const perMember = paramCounts(spec).trainable;
  const fail = (what: string, cause?: unknown) =>
    new JobFailedError(job.id, `job ${job.id} returned a malformed result: ${what}`, {}, cause);
  try {
    const decoded = {
      trainable: decodeFloat32(result.trainable),
      state: decodeTrainingState(result.state, `job ${job.id}'s result`),
      lossHistory: decodeFloat32(result.lossHistory),
      finalLosses: decodeFloat64(result.finalLosses),
    };
    const sizes = [
      ["trainable", decoded.trainable.length, count * perMember],
      ["state.trainable", decoded.state.trainable.length, count * perMember],
      ["lossHistory", decoded.lossHistory.length, job.epochs * count],
      ["finalLosses", decoded.finalLosses.length, count],
      ["state.epoch", decoded.state.epoch, job.epochs],
    ] as const;
    for (const [name, actual, expected] of sizes)
      if (actual !== expected) throw new ShapeError(`${name} has ${actual} values, expected ${expected}`);
    return decoded;
  } catch (error) {
    throw fail((error as Error).message, error);
  }
}

/**
 * Trains the ensemble `spec` describes on `data` through `options.queue`: plans its jobs
 * (planMemberJobs on the digest of encodeDataset(data)), runs them, and joins their results in
 * member order. Members are independent, so the result is what one handle training every member
 * gives, bit for bit, whoever ran which job.
 * @throws {JobFailedError} from the runner, or for a result that is missing, another job's, or malformed.
 * @throws {AbortedError} when `signal` fires.
 * @throws {InvalidArgumentError} for membersPerJob or epochs outside what planMemberJobs accepts.
 */
export async function trainByJobs(
  spec: EnsembleSpec,
  data: Dataset,
  options: TrainByJobsOptions,
): Promise<TrainedByJobs> {
  const digest = await datasetDigest(encodeDataset(data));
  const jobs = planMemberJobs(spec, digest, {
    epochs: options.epochs,
    ...(options.membersPerJob === undefined ? {} : { membersPerJob: options.membersPerJob }),
  });
  const { onProgress, signal } = options;
  const results = await options.queue.run(jobs, data, {
    ...(signal ? { signal } : {}),
    ...(onProgress ? { onProgress: combinedProgress(jobs, spec.members, options.epochs, onProgress) } : {}),
  });
  const decoded = jobs.map((job, i) => decodeResult(spec, job, results[i]));
  const epochs = options.epochs;
  const lossHistory = new Float32Array(epochs * spec.members);
  jobs.forEach((job, j) => {
    const part = decoded[j]!.lossHistory;
    for (let e = 0; e < epochs; e++)
      lossHistory.set(
        part.subarray(e * job.memberCount, (e + 1) * job.memberCount),
        e * spec.members + job.firstMember,
      );
  });
  return {
    trainable: concatenate(decoded.map((part) => part.trainable)),
    state: joinTrainingStates(decoded.map((part) => part.state)),
    lossHistory,
    finalLosses: concatenate(decoded.map((part) => part.finalLosses)),
  };
}
