/** How far the bench moves test inputs for its out-of-distribution set, in training standard deviations. */
export const OOD_SHIFT_SIGMAS = 6;

/**
 * The out-of-distribution copy of test rows x [n, width]: every input moved `sigmas` of its
 * training column's standard deviation up (the population std core's fitStandardizer takes, so
 * the shift is exactly `sigmas` in the standardised inputs the model sees), x'ᵢⱼ = xᵢⱼ + sigmas·stdⱼ — far outside the training cloud in every direction
 * the measurements span, while the rows keep their shape relative to one another.
 * @throws {RangeError} when std does not have `width` entries or x's length is not a multiple of width.
 */
export function shiftFar(
  x: Float32Array,
  std: ArrayLike<number>,
  width: number,
  sigmas = OOD_SHIFT_SIGMAS,
): Float32Array {
  if (std.length !== width || x.length % width !== 0)
    throw new RangeError(`shiftFar: ${x.length} values in rows of ${width} with ${std.length} standard deviations`);
  return Float32Array.from(x, (v, i) => v + sigmas * std[i % width]!);
}
