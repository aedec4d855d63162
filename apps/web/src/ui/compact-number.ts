/** Beyond these magnitudes a number is written with an exponent: 1e6, 2.5e-4. */
const LARGE = 1e5;
const SMALL = 1e-3;

/**
 * A number as axis ticks and messages show it: at most 6 significant digits (no 0.30000000000000004),
 * digit groups below 100,000 ("12,500"), and an exponent beyond ("1e6", "-2.5e-4"), so a label
 * stays a few characters wide whatever the data's scale.
 */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(6));
  const magnitude = Math.abs(rounded);
  if (magnitude !== 0 && (magnitude >= LARGE || magnitude < SMALL)) {
    return rounded.toExponential().replace("e+", "e");
  }
  return rounded.toLocaleString("en", { maximumFractionDigits: 6 });
}
