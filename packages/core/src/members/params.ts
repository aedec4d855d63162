import { ShapeError } from "../errors.js";
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
 * The initial parameters of every member, drawn from the spec's seed.
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation, initializer or seed are invalid.
 */
export function initEnsembleParams(spec: EnsembleSpec): EnsembleParams {
  const counts = paramCounts(spec);
  const trainable = new Float32Array(spec.members * counts.trainable);
  const prior = new Float32Array(spec.members * counts.prior);
  const trainableSpec = trainableMlp(spec);
  const priorSpec = priorMlp(spec);
  for (let m = 0; m < spec.members; m++) {
    trainable.set(initMlpParams(trainableSpec, memberKey(spec.seed, "trainableInit", m)), m * counts.trainable);
    prior.set(initMlpParams(priorSpec, memberKey(spec.seed, "priorInit", m)), m * counts.prior);
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
