import { CALIBRATION_KINDS, type Calibration } from "../calibration/calibration.js";
import { ModelFormatError } from "../errors.js";
import type { EnsembleSpec } from "../spec/types.js";
import { showValue } from "./model-messages.js";
import type { ValidationReport } from "./validation-report.js";

/**
 * Decoders for the validation report and the calibration of a model file (both optional, added
 * within format version 2: older files lack them and read as before). Each checks what
 * prediction relies on, so an edited file fails here, naming the field.
 */

function fail(message: string): never {
  throw new ModelFormatError(message);
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    fail(`${where} must be an object, got ${showValue(value)}`);
  return value as Record<string, unknown>;
}

function checkNumber(value: unknown, where: string, test: (v: number) => boolean, expected: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !test(value))
    fail(`${where} must be ${expected}, got ${showValue(value)}`);
  return value;
}

const wholeAtLeast = (least: number) => (v: number) => Number.isSafeInteger(v) && v >= least;

/** Undefined when absent; otherwise the report with every field checked (a search's candidates too). */
export function decodeValidationReport(value: unknown, where: string): ValidationReport | undefined {
  if (value === undefined || value === null) return undefined;
  const record = asObject(value, where);
  checkNumber(record.fraction, `${where}.fraction`, (v) => v > 0 && v < 1, "a number in (0, 1)");
  for (const key of ["count", "every", "bestEpoch", "stoppedEpoch"]) {
    const least = key === "count" ? 2 : key === "every" ? 1 : 0;
    checkNumber(record[key], `${where}.${key}`, wholeAtLeast(least), `a whole number >= ${least}`);
  }
  if (record.metric !== "nll" && record.metric !== "mse")
    fail(`${where}.metric must be "nll" or "mse", got ${showValue(record.metric)}`);
  if (record.patience !== null)
    checkNumber(record.patience, `${where}.patience`, wholeAtLeast(1), "null or a whole number >= 1");
  checkNumber(record.score, `${where}.score`, () => true, "a finite number");
  if (record.search !== undefined) {
    const search = asObject(record.search, `${where}.search`);
    if (!Array.isArray(search.candidates) || search.candidates.length === 0)
      fail(`${where}.search.candidates must be a non-empty list, got ${showValue(search.candidates)}`);
    search.candidates.forEach((candidate: unknown, i: number) => {
      const entry = asObject(candidate, `${where}.search.candidates[${i}]`);
      for (const key of ["priorScale", "weightDecay"])
        checkNumber(entry[key], `${where}.search.candidates[${i}].${key}`, (v) => v >= 0, "a number >= 0");
      checkNumber(entry.score, `${where}.search.candidates[${i}].score`, () => true, "a finite number");
    });
    checkNumber(
      search.chosen,
      `${where}.search.chosen`,
      (v) => Number.isSafeInteger(v) && v >= 0 && v < (search.candidates as unknown[]).length,
      "the index of a candidate",
    );
  }
  return record as unknown as ValidationReport;
}

/**
 * Undefined when absent. Std-scaling factors must be finite and > 0, one per output; conformal
 * scores finite, >= 0 and ascending, `count` per output: a quantile is read off them by rank.
 */
export function decodeCalibration(value: unknown, spec: EnsembleSpec, where = "calibration"): Calibration | undefined {
  if (value === undefined || value === null) return undefined;
  const record = asObject(value, where);
  const count = checkNumber(record.count, `${where}.count`, wholeAtLeast(2), "a whole number >= 2");
  const list = (values: unknown, at: string, length: number, test: (v: number, i: number) => boolean, what: string) => {
    if (!Array.isArray(values) || values.length !== length) fail(`${at} must be a list of ${length} ${what}`);
    for (const [i, v] of values.entries()) checkNumber(v, `${at}[${i}]`, (x) => test(x, i), what);
    return values as number[];
  };
  if (record.kind === "std-scaling") {
    const factors = list(record.factors, `${where}.factors`, spec.outputSize, (v) => v > 0, "finite numbers > 0");
    return { kind: "std-scaling", count, factors };
  }
  if (record.kind === "conformal") {
    if (!Array.isArray(record.scores) || record.scores.length !== spec.outputSize)
      fail(`${where}.scores must hold one list per output (${spec.outputSize}), got ${showValue(record.scores)}`);
    const scores = record.scores.map((column: unknown, o: number) =>
      list(
        column,
        `${where}.scores[${o}]`,
        count,
        (v, i) => v >= 0 && (i === 0 || v >= (column as number[])[i - 1]!),
        "finite numbers >= 0 in ascending order",
      ),
    );
    return { kind: "conformal", count, scores };
  }
  return fail(`${where}.kind must be one of ${CALIBRATION_KINDS.join(", ")}, got ${showValue(record.kind)}`);
}
