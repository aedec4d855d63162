import { InvalidArgumentError } from "./errors.js";

/**
 * Refuses an option that must be a finite number >= 0 (a duration, an interval): one wording and
 * one rule for every such option, in core and in the packages built on it. Undefined passes (the
 * option's default applies).
 * @param value - the option's value as given.
 * @param field - the option's name, as the caller knows it (`details.field`).
 * @param unit - what the number counts ("seconds", "milliseconds"), named in `details.accepted`.
 * @throws {InvalidArgumentError} when `value` is negative, NaN or infinite.
 */
export function checkFiniteAtLeastZero(value: number | undefined, field: string, unit?: string): void {
  if (value === undefined || (value >= 0 && Number.isFinite(value))) return;
  throw new InvalidArgumentError(`${field} must be a finite number >= 0, got ${value}`, {
    field,
    accepted: `${unit ? `${unit}, ` : ""}a finite number >= 0`,
  });
}
