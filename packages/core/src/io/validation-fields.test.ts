import { describe, expect, it } from "vitest";
import { ModelFormatError } from "../errors.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { decodeCalibration, decodeValidationReport } from "./validation-fields.js";

const spec = resolveEnsembleSpec({});
const report = {
  fraction: 0.1,
  count: 10,
  metric: "nll",
  every: 1,
  patience: 5,
  bestEpoch: 40,
  score: 1.2,
  stoppedEpoch: 45,
};

describe("model file: validation and calibration fields", () => {
  it("reads what training writes, and nothing from an older file", () => {
    expect(decodeValidationReport(report, "training.validation")).toEqual(report);
    expect(decodeValidationReport(undefined, "training.validation")).toBeUndefined();
    expect(decodeCalibration(undefined, spec)).toBeUndefined();
    const conformal = { kind: "conformal", count: 3, scores: [[0.1, 0.5, 2]] };
    expect(decodeCalibration(conformal, spec)).toEqual(conformal);
  });

  it.each([
    [{ ...report, fraction: 1 }, /training\.validation\.fraction must be a number in \(0, 1\), got 1/],
    [{ ...report, metric: "rmse" }, /metric must be "nll" or "mse"/],
    [{ ...report, search: { candidates: [], chosen: 0 } }, /search\.candidates must be a non-empty list/],
  ])("refuses a bad validation report %#", (value, message) => {
    expect(() => decodeValidationReport(value, "training.validation")).toThrow(message);
  });

  it.each([
    [{ kind: "std-scaling", count: 3, factors: [0] }, /calibration\.factors\[0\] must be finite numbers > 0/],
    [
      { kind: "conformal", count: 3, scores: [[2, 1, 3]] },
      /scores\[0\]\[1\] must be finite numbers >= 0 in ascending order/,
    ],
    [{ kind: "conformal", count: 3, scores: [[1, 2]] }, /scores\[0\] must be a list of 3/],
    [{ kind: "isotonic", count: 3 }, /calibration\.kind must be one of std-scaling, conformal/],
  ])("refuses a bad calibration %#", (value, message) => {
    expect(() => decodeCalibration(value, spec)).toThrow(ModelFormatError);
    expect(() => decodeCalibration(value, spec)).toThrow(message);
  });
});
