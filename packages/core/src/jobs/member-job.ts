import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { InvalidArgumentError } from "../errors.js";
import { canonicalJson } from "../io/canonical-json.js";
import { checkMemberRange } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { EncodedTrainingState } from "./job-state.js";

/**
 * One job: train members firstMember … firstMember + memberCount − 1 of the ensemble `spec`
 * describes, for `epochs` epochs, on the dataset whose encodeDataset bytes hash to `dataDigest`.
 * Plain JSON (numbers and strings, no typed arrays): it travels as a queue's job data. Whoever runs
 * it, on whichever machine, the result is the same bytes (docs/jobs.md).
 */
export interface MemberJob {
  /**
   * Deterministic: `${specDigest}.${dataDigest}.e${epochs}.m${firstMember}+${memberCount}`, the
   * digests cut to 16 hex digits. The same work always has the same id (a queue may deduplicate on it).
   */
  readonly id: string;
  /** The WHOLE ensemble's resolved spec: spec.members is the ensemble's size, seed and β inside. */
  readonly spec: EnsembleSpec;
  /** Global index of the group's first member. */
  readonly firstMember: number;
  readonly memberCount: number;
  /** Epochs to train, a whole number >= 0. */
  readonly epochs: number;
  /** sha256 hex of encodeDataset(data): the content address of the data the job trains on. */
  readonly dataDigest: string;
}

/**
 * What a job returns; plain JSON. Float arrays are base64 of little-endian values (io/float32-base64,
 * io/float64-base64).
 */
export interface MemberJobResult {
  readonly jobId: string;
  /** Float32 [memberCount, trainable paramCount]: the group's trained trainable parameters. */
  readonly trainable: string;
  /**
   * The group's TrainingState at its end (epoch, step, float64 weights and optimiser slots): the
   * assembled ensemble continues training from it bit for bit.
   */
  readonly state: EncodedTrainingState;
  /** Float32 [epochs, memberCount]: each member's loss in each epoch (the ensemble's record keeps float32). */
  readonly lossHistory: string;
  /** Float64 [memberCount]: each member's loss with its final parameters on the whole training set. */
  readonly finalLosses: string;
  /** Seconds the job spent in its backend handle (preparing, training, final losses). */
  readonly seconds: number;
}

/**
 * A running job's saved state, for a retry from where it stopped: core's checkpoint file
 * (encodeCheckpoint) of the group, its `meta.job` naming the job.
 */
export type MemberJobCheckpoint = string;

/** A job's progress: epochs completed of its target, and its members' losses in the latest epoch. */
export interface MemberJobProgress {
  readonly epoch: number;
  readonly targetEpoch: number;
  /** [memberCount]: each of the group's members' loss in the latest epoch, in standardised units. */
  readonly memberLosses: readonly number[];
}

/** Options of planMemberJobs: epochs of training, and members per job (default 1). */
export interface PlanOptions {
  readonly epochs: number;
  readonly membersPerJob?: number;
}

/** The first 16 hex digits of the sha256 of the spec's canonical JSON: the spec part of a job id. */
function specDigest(spec: EnsembleSpec): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(spec)))).slice(0, 16);
}

function checkWhole(value: number, field: string, least: number): void {
  if (!(Number.isSafeInteger(value) && value >= least))
    throw new InvalidArgumentError(`${field} must be a whole number >= ${least}, got ${value}`, {
      field,
      accepted: `a whole number >= ${least}`,
    });
}

/**
 * The jobs of one fit: the spec's members in consecutive groups of `membersPerJob` (the last may
 * be smaller), each trained for `epochs` epochs on the data `dataDigest` names.
 * @param spec - the whole ensemble's spec (resolved, or input resolveEnsembleSpec accepts).
 * @param dataDigest - datasetDigest(encodeDataset(data)), 64 hex digits.
 * @returns the jobs in member order.
 * @throws {InvalidArgumentError} for epochs not a whole number >= 0, membersPerJob not a whole
 *   number >= 1, a digest that is not 64 hex digits, or a spec resolveEnsembleSpec refuses.
 */
export function planMemberJobs(spec: EnsembleSpec, dataDigest: string, options: PlanOptions): MemberJob[] {
  const resolved = resolveEnsembleSpec(spec);
  const { epochs, membersPerJob = 1 } = options;
  checkWhole(epochs, "epochs", 0);
  checkWhole(membersPerJob, "membersPerJob", 1);
  if (!/^[0-9a-f]{64}$/.test(dataDigest))
    throw new InvalidArgumentError(`dataDigest must be a sha256 in 64 lowercase hex digits, got "${dataDigest}"`, {
      field: "dataDigest",
    });
  const prefix = `${specDigest(resolved)}.${dataDigest.slice(0, 16)}.e${epochs}`;
  const jobs: MemberJob[] = [];
  for (let first = 0; first < resolved.members; first += membersPerJob) {
    const count = Math.min(membersPerJob, resolved.members - first);
    jobs.push({
      id: `${prefix}.m${first}+${count}`,
      spec: resolved,
      firstMember: first,
      memberCount: count,
      epochs,
      dataDigest,
    });
  }
  return jobs;
}

/**
 * Throws unless `job` is one planMemberJobs could have made: a job that travelled as JSON is
 * checked before any work. Returns the job with its spec resolved again (defaults filled in).
 * @throws {InvalidArgumentError} for a spec resolveEnsembleSpec refuses, a member group outside
 *   the spec's members, epochs not a whole number >= 0, or a missing id or digest.
 */
export function checkMemberJob(job: MemberJob): MemberJob {
  if (typeof job?.id !== "string" || job.id === "" || typeof job.dataDigest !== "string")
    throw new InvalidArgumentError("a job needs a non-empty string id and a dataDigest (see planMemberJobs)", {
      field: "job",
    });
  const spec = resolveEnsembleSpec(job.spec);
  checkMemberRange(spec, { first: job.firstMember, count: job.memberCount });
  checkWhole(job.epochs, "epochs", 0);
  return { ...job, spec };
}
