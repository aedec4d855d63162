import { InvalidArgumentError, ShapeError } from "../errors.js";

/**
 * An ensemble's prediction in output units. `members`, `prior` (β·p) and `trainable` are
 * [members, n, outputSize]; `mean` and `std` are [n, outputSize]. `std` is the population standard
 * deviation across members (numpy's default, as in the notebook).
 */
export interface Prediction {
  readonly memberCount: number;
  readonly n: number;
  readonly outputSize: number;
  readonly members: Float32Array;
  readonly prior: Float32Array;
  readonly trainable: Float32Array;
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

export function summarizeMembers(
  parts: { members: Float32Array; prior: Float32Array; trainable: Float32Array },
  memberCount: number,
  outputSize: number,
): Prediction {
  const { members } = parts;
  const perMember = members.length / memberCount;
  if (!Number.isInteger(perMember) || perMember % outputSize !== 0) {
    throw new ShapeError(
      `member outputs of length ${members.length} do not split into ${memberCount} members × ${outputSize} outputs`,
    );
  }
  const mean = new Float32Array(perMember);
  const std = new Float32Array(perMember);
  for (let j = 0; j < perMember; j++) {
    let sum = 0;
    for (let m = 0; m < memberCount; m++) sum += members[m * perMember + j]!;
    const mu = sum / memberCount;
    let squares = 0;
    for (let m = 0; m < memberCount; m++) squares += (members[m * perMember + j]! - mu) ** 2;
    mean[j] = mu;
    std[j] = Math.sqrt(squares / memberCount);
  }
  return { memberCount, n: perMember / outputSize, outputSize, ...parts, mean, std };
}

/** Member m's values, [n, outputSize]. */
export function memberSlice(values: Float32Array, prediction: Prediction, member: number): Float32Array {
  const size = prediction.n * prediction.outputSize;
  return values.subarray(member * size, (member + 1) * size);
}

/**
 * Empirical quantile of the member outputs at each point, with linear interpolation between order
 * statistics (numpy's default method).
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
