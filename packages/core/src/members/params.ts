import { InvalidArgumentError, ShapeError } from "../errors.js";
import { priorMlp, trainableMlp } from "../nn/ensemble-spec.js";
import { initMlpParams, mlpLayout } from "../nn/mlp.js";
import type { EnsembleSpec } from "../spec/types.js";
import { memberKey } from "./keys.js";

/** All members' parameters, stacked on a leading member axis: [members, paramCount] row-major. */
export interface EnsembleParams {
  readonly trainable: Float32Array;
  readonly prior: Float32Array;
}

/**
 * Parameters per member of the trainable and the prior network (kernels and biases of every layer).
 * @throws {InvalidArgumentError} when the spec's layer sizes or activation are invalid.
 */
export function paramCounts(spec: EnsembleSpec): { trainable: number; prior: number } {
  return {
    trainable: mlpLayout(trainableMlp(spec)).paramCount,
    prior: mlpLayout(priorMlp(spec)).paramCount,
  };
}

/**
 * A contiguous group of an ensemble's members by global index: members first … first + count − 1.
 * Every per-member key uses the global index, so a group's draws equal those members' draws in the
 * whole ensemble.
 */
export interface MemberRange {
  readonly first: number;
  readonly count: number;
}

/**
 * Every member of the spec: the range { first: 0, count: spec.members }.
 */
export function allMembers(spec: EnsembleSpec): MemberRange {
  return { first: 0, count: spec.members };
}

/**
 * Throws unless `range` lies within the spec's members and holds at least one.
 * @throws {InvalidArgumentError} for a first member or count that is not a whole number, an empty
 *   range, or one that ends past spec.members.
 */
export function checkMemberRange(spec: EnsembleSpec, range: MemberRange): void {
  const { first, count } = range;
  if (
    Number.isSafeInteger(first) &&
    Number.isSafeInteger(count) &&
    first >= 0 &&
    count >= 1 &&
    first + count <= spec.members
  )
    return;
  throw new InvalidArgumentError(
    `a member group must be whole numbers with first >= 0, count >= 1 and first + count <= ${spec.members} members, got first ${first}, count ${count}`,
    { field: "members", accepted: `0 <= first < first + count <= ${spec.members}` },
  );
}

/**
 * The initial parameters of members `range` (default: every member), [range.count, paramCount]
 * each, drawn from key(seed, "trainableInit" / "priorInit", global member index): a group's values
 * equal those members' rows of the whole ensemble's.
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation, initializer or seed are
 *   invalid, or the range does not lie within the spec's members.
 */
export function initEnsembleParams(spec: EnsembleSpec, range: MemberRange = allMembers(spec)): EnsembleParams {
  checkMemberRange(spec, range);
  const counts = paramCounts(spec);
  const trainable = new Float32Array(range.count * counts.trainable);
  const prior = new Float32Array(range.count * counts.prior);
  const trainableSpec = trainableMlp(spec);
  const priorSpec = priorMlp(spec);
  for (let i = 0; i < range.count; i++) {
    const m = range.first + i;
    trainable.set(initMlpParams(trainableSpec, memberKey(spec.seed, "trainableInit", m)), i * counts.trainable);
    prior.set(initMlpParams(priorSpec, memberKey(spec.seed, "priorInit", m)), i * counts.prior);
  }
  return { trainable, prior };
}

/**
 * Throws ShapeError unless `params` has the lengths the spec implies and only finite values.
 * @throws {ShapeError} for a part that is not a Float32Array of [members, paramCount] values, or a non-finite value.
 * @throws {InvalidArgumentError} when the spec's layer sizes or activation are invalid.
 */
export function validateEnsembleParams(spec: EnsembleSpec, params: EnsembleParams): void {
  const counts = paramCounts(spec);
  for (const part of ["trainable", "prior"] as const) {
    const values = params[part];
    const expected = spec.members * counts[part];
    if (!(values instanceof Float32Array) || values.length !== expected) {
      throw new ShapeError(
        `${part} parameters must be a Float32Array of ${expected} values (${spec.members} members × ${counts[part]}), got ${values instanceof Float32Array ? values.length : typeof values}`,
        { field: `params.${part}` },
      );
    }
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i]!)) {
        throw new ShapeError(`${part} parameter ${i} is not finite (${values[i]})`, { field: `params.${part}` });
      }
    }
  }
}
