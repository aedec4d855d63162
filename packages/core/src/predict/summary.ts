import { InvalidArgumentError, ShapeError } from "../errors.js";

/**
 * An ensemble's prediction in output units: the uniform mixture of its members (docs/heads.md), as
 * Lakshminarayanan et al. (2017) combine a deep ensemble's Gaussians.
 * `members` (each member's mean), `prior` (β·p) and `trainable` are [members, n, outputSize];
 * `mean` and the three stds are [n, outputSize].
 *
 * - `epistemicStd`: the population standard deviation of the member means (numpy's default, as
 *   in the notebook): the members' disagreement.
 * - `aleatoricStd`: √(average member variance), the noise the members predict; all zeros for
 *   the "mse" head, whose members predict no variance.
 * - `std`: the total, √(aleatoric² + epistemic²), the mixture's standard deviation. With the
 *   "mse" head it equals `epistemicStd` bit for bit.
 * - `variance`: each member's predicted variance [members, n, outputSize] in output units², or
 *   null for the "mse" head.
 */
export interface Prediction {
  readonly memberCount: number;
  readonly n: number;
  readonly outputSize: number;
  readonly members: Float32Array;
  readonly prior: Float32Array;
  readonly trainable: Float32Array;
  readonly variance: Float32Array | null;
  readonly mean: Float32Array;
  readonly std: Float32Array;
  readonly aleatoricStd: Float32Array;
  readonly epistemicStd: Float32Array;
}

/**
 * Mixture statistics of member outputs. `parts.variance`, when given, holds each member's
 * predictive variance (same layout as `members`, output units²); without it the members are
 * point predictions and the aleatoric part is 0. Throws ShapeError when the arrays do not split
 * into `memberCount` members × `outputSize` outputs.
 * @throws {ShapeError} when the arrays do not split into memberCount members × outputSize outputs.
 */
export function summarizeMembers(
  parts: { members: Float32Array; prior: Float32Array; trainable: Float32Array; variance?: Float32Array | undefined },
  memberCount: number,
  outputSize: number,
): Prediction {
  const { members } = parts;
  const variance = parts.variance ?? null;
  const perMember = members.length / memberCount;
  if (!Number.isInteger(perMember) || perMember % outputSize !== 0) {
    throw new ShapeError(
      `member outputs of length ${members.length} do not split into ${memberCount} members × ${outputSize} outputs`,
    );
  }
  if (variance && variance.length !== members.length) {
    throw new ShapeError(`member variances of length ${variance.length} do not match ${members.length} member outputs`);
  }
  const mean = new Float32Array(perMember);
  const std = new Float32Array(perMember);
  const aleatoricStd = new Float32Array(perMember);
  const epistemicStd = new Float32Array(perMember);
  for (let j = 0; j < perMember; j++) {
    let sum = 0;
    for (let m = 0; m < memberCount; m++) sum += members[m * perMember + j]!;
    const mu = sum / memberCount;
    let squares = 0;
    for (let m = 0; m < memberCount; m++) squares += (members[m * perMember + j]! - mu) ** 2;
    const epistemic = squares / memberCount;
    mean[j] = mu;
    epistemicStd[j] = Math.sqrt(epistemic);
    if (variance) {
      let total = 0;
      for (let m = 0; m < memberCount; m++) total += variance[m * perMember + j]!;
      const aleatoric = total / memberCount;
      aleatoricStd[j] = Math.sqrt(aleatoric);
      std[j] = Math.sqrt(aleatoric + epistemic);
    } else {
      std[j] = epistemicStd[j]!;
    }
  }
  return {
    memberCount,
    n: perMember / outputSize,
    outputSize,
    members,
    prior: parts.prior,
    trainable: parts.trainable,
    variance,
    mean,
    std,
    aleatoricStd,
    epistemicStd,
  };
}

/** Member m's values, [n, outputSize]. */
export function memberSlice(values: Float32Array, prediction: Prediction, member: number): Float32Array {
  const size = prediction.n * prediction.outputSize;
  return values.subarray(member * size, (member + 1) * size);
}

/**
 * Empirical quantile of the member outputs at each point, with linear interpolation between order
 * statistics (numpy's default method).
 * Returns [n, outputSize] values in the prediction's units.
 * @throws {InvalidArgumentError} unless q is in [0, 1].
 */
export function memberQuantile(prediction: Prediction, q: number): Float32Array {
  if (!(q >= 0 && q <= 1)) throw new InvalidArgumentError(`quantile must be in [0, 1], got ${q}`);
  const size = prediction.n * prediction.outputSize;
  const out = new Float32Array(size);
  const column = new Float64Array(prediction.memberCount);
  const position = q * (prediction.memberCount - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, prediction.memberCount - 1);
  const frac = position - lower;
  for (let j = 0; j < size; j++) {
    for (let m = 0; m < prediction.memberCount; m++) column[m] = prediction.members[m * size + j]!;
    column.sort();
    out[j] = column[lower]! + frac * (column[upper]! - column[lower]!);
  }
  return out;
}
