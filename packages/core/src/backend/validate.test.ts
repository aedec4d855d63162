import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { DivergenceError, NonFiniteOutputError } from "../errors.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { checkFinite, validateFitRequest } from "./validate.js";

function thrown(call: () => void): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("checkFinite", () => {
  it("passes finite float32 losses", () => {
    expect(() => checkFinite([1, 2, 3.4e38, 4], 2, 1)).not.toThrow();
  });

  it("calls a loss beyond float32 in epoch 1 the data's scale, naming member and epoch", () => {
    const error = thrown(() => checkFinite([1, 3.7e40, 2, 3], 2, 1));
    expect(error).toBeInstanceOf(NonFiniteOutputError);
    expect((error as Error).message).toMatch(/^member 1's training loss in epoch 1 is beyond float32's range/);
  });

  it("calls NaN, ±Infinity, or a loss grown beyond float32 after epoch 1 a divergence", () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 3.7e40]) {
      const error = thrown(() => checkFinite([1, 2, 3, bad], 2, 1));
      expect(error).toBeInstanceOf(DivergenceError);
      expect((error as Error).message).toMatch(/member 1 had a non-finite loss in epoch 2/);
    }
  });

  it("names the earliest bad epoch however the epochs were sliced: epoch 2's overflow before epoch 3's NaN", () => {
    // [epochs, members] = [3, 2].
    const losses = [1, 2, 3, 3.7e40, Number.NaN, 4];
    const whole = thrown(() => checkFinite(losses, 2, 1));
    const sliced = thrown(() => {
      checkFinite(losses.slice(0, 2), 2, 1);
      checkFinite(losses.slice(2, 4), 2, 2);
      checkFinite(losses.slice(4), 2, 3);
    });
    for (const error of [whole, sliced])
      expect((error as DivergenceError).details).toMatchObject({ member: 1, epoch: 2 });
  });
});

describe("validateFitRequest: the weights of appended rows", () => {
  const spec = resolveEnsembleSpec({ members: 2 });
  const data = createDataset([1, 2, 3], [1, 2, 3]);
  const appendTo = createDataset([1, 2], [1, 2]);

  it("accepts [members, rows after appendTo's], and weights given as a function unchecked until joined", () => {
    const exampleWeights = () => new Float32Array(0);
    expect(() =>
      validateFitRequest(spec, { data, exampleWeights, appendTo, appendedWeights: new Float32Array(2), epochs: 1 }),
    ).not.toThrow();
  });

  it("refuses them without appendTo or of the wrong length", () => {
    const exampleWeights = new Float32Array(6);
    expect(() =>
      validateFitRequest(spec, { data, exampleWeights, appendedWeights: new Float32Array(2), epochs: 1 }),
    ).toThrow(/give appendTo with them/);
    expect(() =>
      validateFitRequest(spec, { data, exampleWeights, appendTo, appendedWeights: new Float32Array(3), epochs: 1 }),
    ).toThrow(/appendedWeights have 3 values; expected 2 × 1/);
  });
});
