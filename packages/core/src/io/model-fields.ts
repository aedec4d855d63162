import type { Standardizer } from "../data/standardizer.js";
import { ModelFormatError } from "../errors.js";
import { FLOAT32_RANGE, isFiniteFloat32 } from "../float32/finite-float32.js";
import type { EnsembleSpec } from "../spec/types.js";
import { xLambdaProblem } from "./input-transform-field.js";
import type { ModelData, TrainingReport } from "./model-data.js";
import { showValue } from "./model-messages.js";
import { decodeValidationReport } from "./validation-fields.js";

/**
 * Decoders for the parts of a model that are not weights (the standardizer, the column names and
 * the training report), shared by the JSON reader and the ONNX importer. Each checks what later
 * code relies on, so an edited or hostile file fails here, naming the field, and not later in
 * prediction or training with a message about something else. `where` names the field in messages.
 */

function fail(message: string): never {
  throw new ModelFormatError(message);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    fail(`${where} must be an object, got ${showValue(value)}`);
  return value as Record<string, unknown>;
}

/** A list of finite numbers passing `test`, of `length` when given; `expected` says so in words. */
function numberList(
  value: unknown,
  where: string,
  length: number | null,
  test: (v: number) => boolean,
  expected: string,
): number[] {
  const ok =
    Array.isArray(value) &&
    (length === null || value.length === length) &&
    value.every((v) => typeof v === "number" && Number.isFinite(v) && test(v));
  if (!ok) fail(`${where} must be ${expected}, got ${showValue(value)}`);
  return value as number[];
}

/**
 * Means and scales are finite after rounding to float32 (standardised values are float32, and
 * the ONNX export stores both as float32); scales are > 0 (the standardizer divides by them).
 * @throws {ModelFormatError} for a list of the wrong length, a value beyond float32's range, or a scale ≤ 0.
 */
export function decodeStandardizer(value: unknown, spec: EnsembleSpec, where = "standardizer"): Standardizer {
  const record = asObject(value, where);
  const field = (key: keyof Standardizer, width: number, scale: boolean) =>
    numberList(
      record[key],
      `${where}.${key}`,
      width,
      scale ? (v) => isFiniteFloat32(v) && v > 0 : isFiniteFloat32,
      `a list of ${plural(width, "finite number")}${scale ? " > 0" : ""} within the float32 range (${FLOAT32_RANGE})`,
    );
  const maps = {
    xMean: field("xMean", spec.inputSize, false),
    xScale: field("xScale", spec.inputSize, true),
    yMean: field("yMean", spec.outputSize, false),
    yScale: field("yScale", spec.outputSize, true),
  };
  const problem = xLambdaProblem(record.xLambda, spec, `${where}.xLambda`);
  if (problem) fail(problem);
  return spec.inputTransform === "none" ? maps : { ...maps, xLambda: [...(record.xLambda as number[])] };
}

/**
 * Absent (undefined or null) gives undefined: models trained on toy data have no column names.
 * @throws {ModelFormatError} when x is not spec.inputSize distinct non-empty names or y is not a name.
 */
export function decodeColumns(value: unknown, spec: EnsembleSpec, where = "columns"): ModelData["columns"] {
  if (value === undefined || value === null) return undefined;
  const record = asObject(value, where);
  const name = (v: unknown) => typeof v === "string" && v !== "";
  if (!Array.isArray(record.x) || record.x.length !== spec.inputSize || !record.x.every(name)) {
    fail(`${where}.x must be a list of ${plural(spec.inputSize, "column name")}, got ${showValue(record.x)}`);
  }
  if (!name(record.y)) fail(`${where}.y must be a column name, got ${showValue(record.y)}`);
  // Inputs are matched to the model by name, so each name must pick out one column.
  if (new Set(record.x).size !== record.x.length)
    fail(`${where}.x must name each column once, got ${showValue(record.x)}`);
  return { x: record.x as string[], y: record.y as string };
}

/**
 * Null for a model that was never fitted; otherwise every field with the type training writes.
 * @throws {ModelFormatError} for a field of the wrong type or out of range, naming it.
 */
export function decodeTrainingReport(value: unknown, where = "training"): TrainingReport | null {
  if (value === undefined || value === null) return null;
  const record = asObject(value, where);
  for (const key of ["backend", "device"] as const) {
    if (typeof record[key] !== "string") fail(`${where}.${key} must be a string, got ${showValue(record[key])}`);
  }
  const integer = (key: string, min: number) => {
    const v = record[key];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min)
      fail(`${where}.${key} must be an integer >= ${min}, got ${showValue(v)}`);
  };
  integer("epochs", 0);
  integer("examples", 0);
  integer("lossEvery", 1);
  const seconds = record.trainSeconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0)
    fail(`${where}.trainSeconds must be a finite number >= 0, got ${showValue(seconds)}`);
  numberList(record.finalLosses, `${where}.finalLosses`, null, () => true, "a list of finite numbers");
  numberList(record.meanLossHistory, `${where}.meanLossHistory`, null, () => true, "a list of finite numbers");
  decodeValidationReport(record.validation, `${where}.validation`);
  return record as unknown as TrainingReport;
}
