import { FLOAT32_RANGE, isFiniteFloat32 } from "@rpf/core";
import { InvalidArgumentError } from "commander";
import { STDIO_PATH } from "./stdio.js";

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Commander argument parsers: each rejects anything but what it names, with the accepted form. */
export function integerAtLeast(min: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const parsed = Number(text);
    if (!INTEGER.test(text) || !Number.isSafeInteger(parsed) || parsed < min) {
      throw new InvalidArgumentError(`expected an integer >= ${min}, got "${value}"`);
    }
    return parsed;
  };
}

/** An integer from `min` to `max` (a spec field's limits). */
export function integerFrom(min: number, max: number): (value: string) => number {
  return (value) => {
    const text = value.trim();
    const parsed = Number(text);
    if (!INTEGER.test(text) || !Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };
}

/**
 * A decimal number passing `test` (`range` says which in words). rpf computes in float32, so the
 * number must also round to a finite float32: 3.4028235e38 (the largest float32's shortest form)
 * is accepted, 3.5e38 is not. Returns the number as typed, in float64.
 */
export function finiteNumber(test: (v: number) => boolean, range: string): (value: string) => number {
  const expected = range === "" ? "a finite number" : `a finite number ${range}`;
  return (value) => {
    const text = value.trim();
    const parsed = Number(text);
    if (!DECIMAL.test(text) || !Number.isFinite(parsed) || !test(parsed)) {
      throw new InvalidArgumentError(`expected ${expected}, got "${value}"`);
    }
    if (!isFiniteFloat32(parsed)) {
      throw new InvalidArgumentError(
        `expected ${expected} within the float32 range (${FLOAT32_RANGE}), got "${value}"`,
      );
    }
    return parsed;
  };
}

/** Comma-separated layer widths, or "none" (no hidden layer), within a spec's limits. */
export function widthList(limits: { readonly maxItems: number; readonly min: number; readonly max: number }) {
  const width = integerFrom(limits.min, limits.max);
  return (value: string): number[] => {
    const text = value.trim();
    if (text === "" || text === "none") return [];
    const parts = text.split(",");
    if (parts.length > limits.maxItems)
      throw new InvalidArgumentError(`expected at most ${limits.maxItems} layer widths, got ${parts.length}`);
    return parts.map(width);
  };
}

export function nameList(value: string): string[] {
  const names = value.split(",").map((name) => name.trim());
  if (names.some((name) => name === ""))
    throw new InvalidArgumentError(`expected comma-separated column names, got "${value}"`);
  return names;
}

/**
 * A batch size within `limits`, or "full". "full" stays a string: commander replaces a parser's
 * null with "" (its value for a missing argument), so the whole data set is null only in the spec.
 */
export function batchSize(limits: { readonly min: number; readonly max: number }) {
  const size = integerFrom(limits.min, limits.max);
  return (value: string): number | "full" => (value.trim() === "full" ? "full" : size(value));
}

/** A grid "start:stop:count", e.g. "-5:5:1000". */
export function gridRange(value: string): { start: number; stop: number; count: number } {
  const parts = value.split(":");
  const finite = finiteNumber(() => true, "");
  if (parts.length !== 3) throw new InvalidArgumentError(`expected START:STOP:COUNT (e.g. -5:5:1000), got "${value}"`);
  try {
    const range = { start: finite(parts[0]!), stop: finite(parts[1]!), count: integerAtLeast(1)(parts[2]!) };
    if (range.count > 10_000_000) throw new InvalidArgumentError("at most 10,000,000 points");
    return range;
  } catch (error) {
    throw new InvalidArgumentError(
      `expected START:STOP:COUNT with finite numbers and COUNT >= 1, got "${value}" (${(error as Error).message})`,
    );
  }
}

function nonEmptyPath(value: string, what: string): string {
  if (value.trim() === "") throw new InvalidArgumentError(`expected ${what}, got an empty one`);
  return value;
}

/** --out of a file: "-" is stdout; an empty path would otherwise mean "no --out" or a rename onto the folder. */
export function outputPath(value: string): string {
  return nonEmptyPath(value, "a file path or - for stdout");
}

/**
 * A file rpf reads back or rewrites in place (a checkpoint): stdin or stdout cannot be one, so "-"
 * is refused rather than taken as a file named "-".
 */
export function filePathNotStdio(value: string): string {
  if (value.trim() === STDIO_PATH)
    throw new InvalidArgumentError(
      "expected a file path; - (stdin/stdout) cannot hold a checkpoint, which rpf rewrites and reads back",
    );
  return nonEmptyPath(value, "a file path");
}

/** A folder to write several files into: "-" (stdout) cannot hold them. */
export function folderPath(value: string): string {
  if (value.trim() === STDIO_PATH)
    throw new InvalidArgumentError("expected a folder; - (stdout) cannot hold several files");
  return nonEmptyPath(value, "a folder path");
}
