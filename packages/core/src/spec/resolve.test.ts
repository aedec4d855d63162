import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { NETWORK_FIELDS, OPTIMIZER_FIELDS, SPEC_FIELDS } from "./fields.js";
import { resolveEnsembleSpec, specFieldAt } from "./resolve.js";

function caught(run: () => unknown): InvalidArgumentError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidArgumentError) return error;
    throw error;
  }
  throw new Error("expected an InvalidArgumentError");
}

describe("the spec schema", () => {
  it("gives every default from the field table", () => {
    const spec = resolveEnsembleSpec();
    for (const [name, field] of Object.entries(SPEC_FIELDS))
      expect(spec[name as keyof typeof spec]).toEqual(field.default);
    for (const [name, field] of Object.entries(NETWORK_FIELDS)) {
      expect(spec.trainable[name as keyof typeof spec.trainable]).toEqual(field.default);
      expect(spec.prior[name as keyof typeof spec.prior]).toEqual(field.default);
    }
    expect(spec.optimizer.learningRate).toBe(OPTIMIZER_FIELDS.learningRate.default);
  });

  it("never shares a default list between specs", () => {
    const first = resolveEnsembleSpec();
    (first.trainable.hiddenSizes as number[]).push(99);
    expect(resolveEnsembleSpec().trainable.hiddenSizes).toEqual([16, 16]);
    expect(NETWORK_FIELDS.hiddenSizes.default).toEqual([16, 16]);
  });

  it("states what a field accepts in details.accepted, in the rule's words", () => {
    expect(caught(() => resolveEnsembleSpec({ members: 0 })).details).toEqual({
      field: "members",
      accepted: "an integer from 1 to 1024",
    });
    expect(caught(() => resolveEnsembleSpec({ optimizer: { clipNorm: 0 } })).details).toEqual({
      field: "optimizer.clipNorm",
      accepted: "a finite number > 0 (or null: no clipping)",
    });
    expect(caught(() => resolveEnsembleSpec({ prior: { hiddenSizes: [4, 0] } })).details.field).toBe(
      "prior.hiddenSizes[1]",
    );
  });

  it("finds the field a details.field path names, for surfaces to name it their way", () => {
    expect(specFieldAt("priorScale")?.cli?.flag).toBe("--beta");
    expect(specFieldAt("optimizer.learningRate")?.label).toBe("Learning rate");
    expect(specFieldAt("prior.hiddenSizes[2]")).toBe(NETWORK_FIELDS.hiddenSizes);
    expect(specFieldAt("bootstrap")).toBeUndefined();
    expect(specFieldAt("toString")).toBeUndefined();
  });
});
