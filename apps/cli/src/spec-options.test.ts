import {
  type EnsembleSpecInput,
  InvalidArgumentError,
  NETWORK_FIELDS,
  OPTIMIZER_FIELDS,
  resolveEnsembleSpec,
  SPEC_FIELDS,
  type SpecField,
} from "@rpf/core";
import { describe, expect, it } from "vitest";
import { priorOption, specOption, withFlagNames } from "./spec-options.js";

const coreAccepts = (input: EnsembleSpecInput) => {
  try {
    resolveEnsembleSpec(input);
    return true;
  } catch {
    return false;
  }
};
const cliAccepts = (field: SpecField, text: string) => {
  try {
    specOption(field).parseArg!(text, undefined);
    return true;
  } catch {
    return false;
  }
};

/** [field, how a value enters the spec, values to try at and past its limits] */
const NUMBER_FIELDS: [string, SpecField, (v: number) => EnsembleSpecInput, number[]][] = [
  ["members", SPEC_FIELDS.members, (members) => ({ members }), [0, 1, 1024, 1025]],
  ["epochs", SPEC_FIELDS.epochs, (epochs) => ({ epochs }), [-1, 0, 10_000_000, 10_000_001]],
  ["priorScale", SPEC_FIELDS.priorScale, (priorScale) => ({ priorScale }), [-0.5, 0, 3.4028235e38, 3.5e38]],
  ["learningRate", OPTIMIZER_FIELDS.learningRate, (learningRate) => ({ optimizer: { learningRate } }), [0, 1e-9, 5]],
  ["momentum", OPTIMIZER_FIELDS.momentum, (momentum) => ({ optimizer: { kind: "sgd", momentum } }), [0, 0.99, 1]],
  ["varianceFloor", SPEC_FIELDS.varianceFloor, (varianceFloor) => ({ varianceFloor }), [0, 1e-12, 1]],
  ["weightDecay", SPEC_FIELDS.weightDecay, (weightDecay) => ({ weightDecay }), [-1e-3, 0, 0.5]],
  ["seed", SPEC_FIELDS.seed, (seed) => ({ seed }), [-1, 0, 2 ** 53 - 1]],
  ["batchSize", SPEC_FIELDS.batchSize, (batchSize) => ({ batchSize }), [0, 1, 2 ** 31 - 1, 2 ** 31]],
];

describe("rpf train's spec options", () => {
  it.each(NUMBER_FIELDS)("%s: the flag accepts exactly what the spec does", (_name, field, toSpec, values) => {
    for (const value of values)
      expect([value, cliAccepts(field, String(value))]).toEqual([value, coreAccepts(toSpec(value))]);
  });

  it("--hidden and --prior-hidden take the spec's widths and layer count", () => {
    const hidden = specOption(NETWORK_FIELDS.hiddenSizes).parseArg!;
    expect(hidden("16,16", undefined)).toEqual([16, 16]);
    expect(hidden("none", undefined)).toEqual([]);
    expect(() => hidden("4097", undefined)).toThrow('expected an integer from 1 to 4096, got "4097"');
    expect(() => hidden(Array(17).fill(2).join(","), undefined)).toThrow("expected at most 16 layer widths, got 17");
    expect(() => priorOption("hiddenSizes").parseArg!("0", undefined)).toThrow("from 1 to 4096");
  });

  it("show the spec's defaults as typed", () => {
    expect(specOption(SPEC_FIELDS.members).defaultValueDescription).toBe("9");
    expect(specOption(SPEC_FIELDS.varianceFloor).defaultValueDescription).toBe("1e-6");
    expect(specOption(SPEC_FIELDS.batchSize).defaultValueDescription).toBe("full");
    expect(specOption(OPTIMIZER_FIELDS.clipNorm).defaultValueDescription).toBe("no clipping");
    expect(specOption(NETWORK_FIELDS.hiddenSizes).defaultValueDescription).toBe("16,16");
  });

  it("rename core's field to the flag a user typed", () => {
    const renamed = (input: EnsembleSpecInput) => {
      try {
        resolveEnsembleSpec(input);
      } catch (error) {
        return withFlagNames(error) as InvalidArgumentError;
      }
      throw new Error("expected a refusal");
    };
    expect(renamed({ priorScale: -1 }).message).toBe("--beta must be a finite number >= 0, got -1");
    expect(renamed({ prior: { hiddenSizes: [0] } }).details.field).toBe("--prior-hidden");
    expect(renamed({ optimizer: { learningRate: 0 } }).message).toMatch(/^--lr must be/);
    expect(renamed({ bootstrap: { kind: "bernoulli", p: 2 } }).message).toMatch(/^bootstrap /);
    expect(renamed({ priorScale: -1 })).toBeInstanceOf(InvalidArgumentError);
  });
});
