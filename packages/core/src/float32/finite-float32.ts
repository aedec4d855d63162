/** The largest finite float32, (2 − 2⁻²³) · 2¹²⁷. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The float32 range as messages state it: the largest float32 in its shortest round-trip form,
 * so a user who copies the bound back gets the bound.
 */
export const FLOAT32_RANGE = "±3.4028235e38";

/**
 * Whether `value` becomes a finite float32 when rounded to one (round to nearest, ties to even, as
 * `Math.fround` and a Float32Array store do). The test is on the rounded value, not on
 * |value| ≤ FLOAT32_MAX: the shortest decimal form of FLOAT32_MAX, 3.4028235e38, is a float64
 * just above it that still rounds down to it. Values that round to ±Infinity (from about
 * ±3.4028236e38 on), NaN and ±Infinity are not. Tiny values that round to zero are.
 */
export function isFiniteFloat32(value: number): boolean {
  return Number.isFinite(Math.fround(value));
}
