import type { Backend } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import type { FitProgress } from "../backend/fit-request.js";
import { openSession } from "../backend/open-session.js";
import type { Dataset } from "../data/dataset.js";
import { fitStandardizer, standardizeDataset } from "../data/standardizer.js";
import { DivergenceError, InvalidArgumentError, throwIfAborted } from "../errors.js";
import { assertSameData, type DataFingerprint, fingerprintData, type TrainingCheckpoint } from "../io/checkpoint.js";
import { decodeCheckpoint, encodeCheckpoint } from "../io/checkpoint-file.js";
import { encodeFloat32 } from "../io/float32-base64.js";
import { encodeFloat64 } from "../io/float64-base64.js";
import { bootstrapWeights } from "../members/bootstrap-weights.js";
import { initEnsembleParams } from "../members/params.js";
import { checkFiniteAtLeastZero } from "../option-checks.js";
import { concatenate } from "../typed-arrays.js";
import { datasetDigest, encodeDataset } from "./dataset-bytes.js";
import { encodeTrainingState } from "./job-state.js";
import {
  checkMemberJob,
  type MemberJob,
  type MemberJobCheckpoint,
  type MemberJobProgress,
  type MemberJobResult,
} from "./member-job.js";

/**
 * Periodic saved state of a running job: at epochs that are multiples of `every` (a whole number
 * >= 1), once at least `minSeconds` have passed since the job started or its last save ended,
 * `save` receives it.
 */
export interface MemberJobCheckpointOptions {
  readonly every: number;
  /**
   * Seconds of wall time at least between saves, a finite number >= 0 (default 0: a save at every
   * `every` epochs). Each save encodes the group's whole training state, which costs far more than
   * a fast epoch: a time bound keeps that cost a small share of training whatever an epoch takes.
   * A boundary where no save is due costs a clock reading, and saves stay on multiples of `every`,
   * so a resume is bit-identical whichever boundary it starts from.
   */
  readonly minSeconds?: number;
  /** Training waits for it: store the checkpoint (atomically) where a retry will find it. */
  readonly save: (checkpoint: MemberJobCheckpoint) => Promise<void> | void;
}

/** How runMemberJob runs a job: where, with what reporting, and from which saved state. */
export interface RunMemberJobOptions {
  /** A backend name ("matrix", "auto", …) or a Backend object; default "auto". */
  readonly backend?: string | Backend;
  readonly device?: DeviceName;
  /** Called at the fit loop's progress cadence; training waits for a returned promise. */
  readonly onProgress?: (progress: MemberJobProgress) => unknown;
  /** Epochs between progress reports (default: about 100 reports per job). */
  readonly progressEvery?: number;
  /**
   * Milliseconds after which the end of a time slice is reported too, whatever the epoch (the fit
   * loop's progressMs): with a large progressEvery, reports bounded by time instead of epochs.
   */
  readonly progressMs?: number;
  /**
   * The digest of `data` when the caller has already computed it from the same, unchanged data (a
   * worker that checked its download against it, a runner that hashed the data once for all its
   * jobs): then this job does not encode and hash the data again, and checks this digest against
   * job.dataDigest instead. Without it, every job hashes its data.
   */
  readonly dataDigest?: string;
  /** Aborting it stops the job between time slices with AbortedError. */
  readonly signal?: AbortSignal;
  readonly checkpoint?: MemberJobCheckpointOptions;
  /** A checkpoint this job saved earlier: training continues from it, bit for bit. */
  readonly resumeFrom?: MemberJobCheckpoint;
}

/** The checkpoint `text` as this job's, or a typed error saying whose it is. */
function readJobCheckpoint(text: MemberJobCheckpoint, job: MemberJob, data: Dataset): TrainingCheckpoint {
  const checkpoint = decodeCheckpoint(text);
  const owner = checkpoint.meta?.job;
  if (owner !== job.id)
    throw new InvalidArgumentError(
      `the checkpoint belongs to job ${JSON.stringify(owner)}, not to job ${job.id}: resume a job from its own checkpoint`,
      { field: "resumeFrom" },
    );
  if (checkpoint.state.epoch > job.epochs)
    throw new InvalidArgumentError(
      `the checkpoint is at epoch ${checkpoint.state.epoch}, past the job's ${job.epochs} epochs`,
      { field: "resumeFrom" },
    );
  assertSameData(checkpoint.data, data);
  return checkpoint;
}

/**
 * Runs one job here: draws the group's initial parameters and bootstrap weights from the keys of
 * its global member indices (initEnsembleParams and bootstrapWeights with the job's member range),
 * standardises the data as Ensemble.fit does (fitStandardizer on all of it, then
 * standardizeDataset), and trains the group through core's fit loop on a handle opened with
 * memberOffset = job.firstMember, so each member trains bit for bit as it does in the whole
 * ensemble (docs/jobs.md). With `checkpoint`, core's checkpoint file of the group is saved at
 * multiples of `every` epochs, at most one per `minSeconds`; `resumeFrom` continues from one, and
 * the result is the same bytes as a run that never stopped.
 * @param data - the job's dataset in its own units; its encodeDataset digest (or options.dataDigest,
 *   when given) must be job.dataDigest.
 * @returns the group's trained parameters and state, loss history [epochs, memberCount] and final losses.
 * @throws {InvalidArgumentError} for a malformed job, data whose digest is not the job's, bad
 *   checkpoint options (every, minSeconds), a checkpoint of another job or past its epochs, or an unknown backend.
 * @throws {ModelFormatError} for a checkpoint that is not a whole, unedited checkpoint file.
 * @throws {DivergenceError} naming the member by its global index, at its first non-finite loss.
 * @throws {AbortedError} when `signal` fires.
 * @throws {NonFiniteOutputError} when epoch 1's loss is beyond float32 (targets far too large unscaled).
 * @throws {UnsupportedError | BackendUnavailableError} when the backend cannot train the spec.
 * @throws {DataError | ShapeError} for a dataset that does not fit the spec.
 */
export async function runMemberJob(
  job: MemberJob,
  data: Dataset,
  options: RunMemberJobOptions = {},
): Promise<MemberJobResult> {
  const checked = checkMemberJob(job);
  const { spec, firstMember, memberCount, epochs } = checked;
  const { checkpoint, signal, onProgress } = options;
  if (checkpoint && !(Number.isSafeInteger(checkpoint.every) && checkpoint.every >= 1))
    throw new InvalidArgumentError(`checkpoint.every must be a whole number >= 1, got ${checkpoint.every}`, {
      field: "checkpoint.every",
    });
  checkFiniteAtLeastZero(checkpoint?.minSeconds, "checkpoint.minSeconds", "seconds");
  const minSeconds = checkpoint?.minSeconds ?? 0;
  const digest = options.dataDigest ?? (await datasetDigest(encodeDataset(data)));
  if (digest !== checked.dataDigest)
    throw new InvalidArgumentError(
      `the data's digest ${digest.slice(0, 12)}… is not job ${checked.id}'s ${checked.dataDigest.slice(0, 12)}…: run the job on the data it was planned for`,
      { field: "data" },
    );
  throwIfAborted(signal);
  const range = { first: firstMember, count: memberCount };
  const groupSpec = { ...spec, members: memberCount };
  const standardizer = fitStandardizer(data, spec.standardize, spec.inputTransform);
  const scaled = standardizeDataset(standardizer, data);
  const exampleWeights = bootstrapWeights(spec, data.n, data.n, range);
  const params = initEnsembleParams(spec, range);
  const resumed = options.resumeFrom === undefined ? null : readJobCheckpoint(options.resumeFrom, checked, data);
  const { session } = await openSession(
    { spec: groupSpec, params, memberOffset: firstMember, ...(resumed ? { state: resumed.state } : {}) },
    { ...(options.backend ? { backend: options.backend } : {}), ...(options.device ? { device: options.device } : {}) },
    "train",
  );
  const parts: Float32Array[] = [resumed?.lossHistory ?? new Float32Array(0)];
  const secondsBefore = resumed?.trainSeconds ?? 0;
  const started = performance.now();
  let savedAt = started;
  let fingerprint: DataFingerprint | undefined;
  try {
    const result = await session.fit({
      data: scaled,
      exampleWeights,
      epochs: epochs - session.epoch,
      ...(signal ? { signal } : {}),
      ...(options.progressEvery === undefined ? {} : { progressEvery: options.progressEvery }),
      ...(options.progressMs === undefined ? {} : { progressMs: options.progressMs }),
      onLosses: (losses) => void parts.push(Float32Array.from(losses)),
      ...(onProgress
        ? {
            onProgress: (progress: FitProgress) =>
              onProgress({
                epoch: progress.epoch,
                targetEpoch: progress.targetEpoch,
                memberLosses: Array.from(progress.memberLosses),
              }),
          }
        : {}),
      ...(checkpoint
        ? {
            pause: {
              every: checkpoint.every,
              at: async () => {
                if (performance.now() - savedAt < minSeconds * 1000) return;
                fingerprint ??= fingerprintData(data);
                const saved: TrainingCheckpoint = {
                  spec: groupSpec,
                  prior: params.prior,
                  state: await session.trainingState(),
                  standardizer,
                  targetEpochs: epochs,
                  lossHistory: concatenate(parts),
                  trainSeconds: secondsBefore + (performance.now() - started) / 1000,
                  data: fingerprint,
                  meta: { job: checked.id, firstMember },
                };
                await checkpoint.save(encodeCheckpoint(saved));
                savedAt = performance.now();
              },
            },
          }
        : {}),
    });
    const state = await session.trainingState();
    return {
      jobId: checked.id,
      trainable: encodeFloat32((await session.params()).trainable),
      state: encodeTrainingState(state),
      lossHistory: encodeFloat32(concatenate(parts)),
      finalLosses: encodeFloat64(result.finalLosses),
      seconds: secondsBefore + result.seconds,
    };
  } catch (error) {
    // The group's member m is the ensemble's member firstMember + m: name it as the caller knows it.
    if (DivergenceError.isInstance(error)) throw new DivergenceError(error.member + firstMember, error.epoch, error);
    throw error;
  } finally {
    await session.dispose();
  }
}
