import { resolveEnsembleSpec } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_VALUES } from "./fields.js";
import { settingsTheFormLacks, valuesFromModel } from "./model-values.js";
import { validateSettings } from "./validate-settings.js";

describe("valuesFromModel", () => {
  const spec = resolveEnsembleSpec({
    members: 5,
    priorScale: 10,
    trainable: { hiddenSizes: [8, 4], activation: "tanh" },
    bootstrap: { kind: "bernoulli", p: 0.3 },
    standardize: "xy",
    epochs: 250,
    optimizer: { learningRate: 0.01, clipNorm: 2 },
    head: "gaussian",
    weightDecay: 0.001,
    seed: 7,
  });

  it("fills every control so the form's spec is the model's", () => {
    const values = valuesFromModel(spec, { backend: "tfjs", device: "wasm" }, DEFAULT_VALUES);
    expect(values).toEqual({
      members: "5",
      priorScale: "10",
      hidden: "8,4",
      activation: "tanh",
      bootstrap: "bernoulli:0.3",
      standardize: "xy",
      epochs: "250",
      learningRate: "0.01",
      clipNorm: "2",
      head: "gaussian",
      weightDecay: "0.001",
      seed: "7",
      backend: "tfjs:wasm",
    });
    const { errors, spec: formSpec } = validateSettings(values);
    expect(errors).toEqual({});
    expect(resolveEnsembleSpec(formSpec!)).toEqual(spec);
  });

  it("leaves the clip and the weight decay blank for none, and keeps the current backend when the form lacks the model's", () => {
    const unclipped = resolveEnsembleSpec({});
    expect(valuesFromModel(unclipped, { backend: "matrix", device: "cpu" }, DEFAULT_VALUES)).toMatchObject({
      clipNorm: "",
      head: "mse",
      weightDecay: "",
      backend: "matrix",
    });
    const current = { ...DEFAULT_VALUES, backend: "tfjs:webgl" };
    expect(valuesFromModel(unclipped, { backend: "tfjs", device: "node" }, current).backend).toBe("tfjs:webgl");
    expect(valuesFromModel(unclipped, null, current).backend).toBe("tfjs:webgl");
  });
});

describe("settingsTheFormLacks", () => {
  it("is empty for what the form can show", () => {
    expect(settingsTheFormLacks(resolveEnsembleSpec({ members: 3, optimizer: { clipNorm: 1 } }))).toEqual([]);
  });

  it("names each setting of a CLI model that no control holds", () => {
    const spec = resolveEnsembleSpec({
      trainable: { hiddenSizes: [16, 16], kernelInit: "he_normal" },
      prior: { hiddenSizes: [32], activation: "tanh" },
      optimizer: { kind: "sgd", momentum: 0.9 },
      batchSize: 32,
    });
    expect(settingsTheFormLacks(spec)).toEqual([
      "the SGD optimizer",
      "the he_normal initializer",
      "a prior network of its own (32 tanh)",
      "minibatches of 32",
    ]);
    expect(settingsTheFormLacks(resolveEnsembleSpec({ optimizer: { b2: 0.99 } }))).toEqual([
      "Adam's b1 0.9, b2 0.99, eps 1e-8",
    ]);
    expect(settingsTheFormLacks(resolveEnsembleSpec({ head: "gaussian", varianceFloor: 1e-4 }))).toEqual([
      "a variance floor of 0.0001",
    ]);
    // The floor takes no part in the squared-error head, so a model's unused value is not named.
    expect(settingsTheFormLacks(resolveEnsembleSpec({ varianceFloor: 1e-4 }))).toEqual([]);
    expect(
      settingsTheFormLacks(resolveEnsembleSpec({ head: "gaussian", varianceWeighting: 0.5, meanWarmup: 20 })),
    ).toEqual(["β-NLL 0.5", "a mean warm-up of 20 epochs"]);
    expect(settingsTheFormLacks(resolveEnsembleSpec({ varianceWeighting: 0.5, meanWarmup: 20 }))).toEqual([]);
    expect(settingsTheFormLacks(resolveEnsembleSpec({ inputTransform: "yeo-johnson" }))).toEqual([
      "the yeo-johnson input transform",
    ]);
  });
});
