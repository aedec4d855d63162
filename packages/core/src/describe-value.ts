/**
 * A value as error messages show it: JSON, except where JSON would misreport it (NaN and ±Infinity
 * print as `null`) or cannot spell it (undefined, bigint).
 */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  return JSON.stringify(value) ?? String(value);
}
