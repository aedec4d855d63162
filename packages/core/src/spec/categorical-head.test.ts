import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { MAX_CLASSES, MIN_CLASSES } from "./caps.js";
import { HEAD_NAMES } from "./names.js";
import { resolveEnsembleSpec } from "./resolve.js";

function refusal(input: Parameters<typeof resolveEnsembleSpec>[0]): InvalidArgumentError {
  try {
    resolveEnsembleSpec(input);
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected the spec to be refused");
}

describe('head "categorical" in the spec', () => {
  it("is a head name, with K = outputSize classes from 2 to 1024", () => {
    expect(HEAD_NAMES).toContain("categorical");
    expect([MIN_CLASSES, MAX_CLASSES]).toEqual([2, 1024]);
    expect(resolveEnsembleSpec({ head: "categorical", outputSize: 2 }).outputSize).toBe(2);
    expect(resolveEnsembleSpec({ head: "categorical", outputSize: 1024, standardize: "x" }).outputSize).toBe(1024);
  });

  it.each([1, 1025, 4096])("refuses outputSize %i, naming the field and the class range", (outputSize) => {
    const error = refusal({ head: "categorical", outputSize });
    expect(error.details.field).toBe("outputSize");
    expect(error.message).toMatch(/categorical head needs one output per class, from 2 to 1024 classes/);
    expect(error.details.accepted).toBe('an integer from 2 to 1024 with head "categorical"');
  });

  it('refuses standardize "xy" (a class indicator has no scale) and takes "none" and "x"', () => {
    const error = refusal({ head: "categorical", outputSize: 3, standardize: "xy" });
    expect(error.details.field).toBe("standardize");
    expect(error.message).toMatch(/"xy".*"categorical"/);
    for (const standardize of ["none", "x"] as const)
      expect(resolveEnsembleSpec({ head: "categorical", outputSize: 3, standardize }).standardize).toBe(standardize);
  });

  it("keeps the other heads' limits: outputSize 1 and standardize xy stay valid for mse and gaussian", () => {
    for (const head of ["mse", "gaussian"] as const)
      expect(resolveEnsembleSpec({ head, outputSize: 1, standardize: "xy" }).head).toBe(head);
  });
});
