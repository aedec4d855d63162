import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { foldIn, keyFromSeed } from "../random/key.js";
import { initializeKernel } from "./initializers.js";
import { initMlpParams, MAX_LAYER_WIDTH, type MlpSpec, mlpLayout, validateMlpSpec } from "./mlp.js";

const NOTEBOOK_MLP: MlpSpec = {
  inputSize: 1,
  hiddenSizes: [16, 16],
  outputSize: 1,
  activation: "elu",
  kernelInit: "glorot_normal",
  biasInit: "zeros",
};

describe("mlpLayout", () => {
  it("lays out 1 → 16 → 16 → 1 as kernel then bias per layer, 321 parameters", () => {
    const layout = mlpLayout(NOTEBOOK_MLP);
    expect(layout.paramCount).toBe(321);
    expect(layout.entries.map(({ name, offset, shape, size }) => ({ name, offset, shape, size }))).toEqual([
      { name: "layers.0.kernel", offset: 0, shape: [1, 16], size: 16 },
      { name: "layers.0.bias", offset: 16, shape: [16], size: 16 },
      { name: "layers.1.kernel", offset: 32, shape: [16, 16], size: 256 },
      { name: "layers.1.bias", offset: 288, shape: [16], size: 16 },
      { name: "layers.2.kernel", offset: 304, shape: [16, 1], size: 16 },
      { name: "layers.2.bias", offset: 320, shape: [1], size: 1 },
    ]);
    expect(layout.layers.map((l) => [l.fanIn, l.fanOut])).toEqual([
      [1, 16],
      [16, 16],
      [16, 1],
    ]);
  });

  it("has one dense layer when there are no hidden layers", () => {
    const layout = mlpLayout({ ...NOTEBOOK_MLP, inputSize: 3, hiddenSizes: [], outputSize: 2 });
    expect(layout.layers).toHaveLength(1);
    expect(layout.paramCount).toBe(3 * 2 + 2);
  });

  it("entries tile the parameter vector without gaps or overlaps", () => {
    const layout = mlpLayout({ ...NOTEBOOK_MLP, inputSize: 4, hiddenSizes: [7, 5, 3], outputSize: 2 });
    let offset = 0;
    for (const entry of layout.entries) {
      expect(entry.offset).toBe(offset);
      expect(entry.size).toBe(entry.shape.reduce((a, b) => a * b, 1));
      offset += entry.size;
    }
    expect(offset).toBe(layout.paramCount);
  });
});

describe("initMlpParams", () => {
  const layout = mlpLayout(NOTEBOOK_MLP);

  it("gives zero biases and non-zero kernels", () => {
    const params = initMlpParams(NOTEBOOK_MLP, keyFromSeed(0));
    expect(params.length).toBe(321);
    for (const layer of layout.layers) {
      const bias = params.subarray(layer.bias.offset, layer.bias.offset + layer.bias.size);
      const kernel = params.subarray(layer.kernel.offset, layer.kernel.offset + layer.kernel.size);
      expect(bias.every((v) => v === 0)).toBe(true);
      expect(kernel.every((v) => v !== 0 && Number.isFinite(v))).toBe(true);
    }
  });

  it("is deterministic per key and differs between keys", () => {
    const a = initMlpParams(NOTEBOOK_MLP, keyFromSeed(1));
    expect(initMlpParams(NOTEBOOK_MLP, keyFromSeed(1))).toEqual(a);
    expect(initMlpParams(NOTEBOOK_MLP, keyFromSeed(2))).not.toEqual(a);
  });

  it("draws layer l's kernel from foldIn(key, l)", () => {
    const key = keyFromSeed(3);
    const params = initMlpParams(NOTEBOOK_MLP, key);
    layout.layers.forEach((layer, l) => {
      const kernel = params.subarray(layer.kernel.offset, layer.kernel.offset + layer.kernel.size);
      expect(kernel).toEqual(initializeKernel("glorot_normal", foldIn(key, l), layer.fanIn, layer.fanOut));
    });
    // Layers 0 ([1, 16]) and 2 ([16, 1]) have the same fan and size: only their keys tell them apart.
    expect(params.subarray(0, 16)).not.toEqual(params.subarray(304, 320));
  });

  it("zeros kernel init gives an all-zero vector", () => {
    const params = initMlpParams({ ...NOTEBOOK_MLP, kernelInit: "zeros" }, keyFromSeed(0));
    expect(params.every((v) => v === 0)).toBe(true);
  });
});

describe("validateMlpSpec", () => {
  it("accepts the notebook's network and returns it", () => {
    expect(validateMlpSpec(NOTEBOOK_MLP)).toBe(NOTEBOOK_MLP);
  });

  const bad: [string, Partial<Record<keyof MlpSpec, unknown>>, RegExp][] = [
    ["inputSize 0", { inputSize: 0 }, /mlp\.inputSize must be an integer from 1 to 4096, got 0/],
    ["fractional outputSize", { outputSize: 1.5 }, /mlp\.outputSize must be an integer/],
    ["too-wide layer", { hiddenSizes: [MAX_LAYER_WIDTH + 1] }, /mlp\.hiddenSizes\[0\] must be an integer from 1/],
    ["zero-width hidden layer", { hiddenSizes: [16, 0] }, /mlp\.hiddenSizes\[1\]/],
    ["hidden sizes not a list", { hiddenSizes: "16,16" }, /mlp\.hiddenSizes must be a list/],
    ["17 hidden layers", { hiddenSizes: new Array(17).fill(4) }, /at most 16/],
    ["unknown activation", { activation: "swish" }, /unknown activation "swish"; accepted: elu, relu, tanh, gelu/],
    ["unknown kernel init", { kernelInit: "orthogonal" }, /mlp\.kernelInit; accepted: glorot_normal/],
    ["non-zero bias init", { biasInit: "ones" }, /mlp\.biasInit must be "zeros"/],
    ["string input size", { inputSize: "1" }, /mlp\.inputSize/],
  ];
  it.each(bad)("rejects %s", (_label, change, message) => {
    const spec = { ...NOTEBOOK_MLP, ...change } as MlpSpec;
    expect(() => validateMlpSpec(spec)).toThrow(InvalidArgumentError);
    expect(() => validateMlpSpec(spec)).toThrow(message);
  });

  it("prefixes fields with the given name", () => {
    expect(() => validateMlpSpec({ ...NOTEBOOK_MLP, inputSize: -1 }, "prior")).toThrow(/^prior\.inputSize/);
  });
});
