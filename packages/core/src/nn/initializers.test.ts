import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { foldIn, keyFromSeed } from "../random/key.js";
import { assertInitializerName, INITIALIZER_NAMES, initializeKernel, isInitializerName } from "./initializers.js";

const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

function stats(values: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let sum = 0;
  let maxAbs = 0;
  for (const v of values) {
    sum += v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { mean, variance: squares / values.length, maxAbs };
}

// 400 × 250 = 1e5 draws.
const FAN_IN = 400;
const FAN_OUT = 250;
const key = keyFromSeed(5);

describe("initializeKernel", () => {
  it("glorot_normal: variance within 2% of 2 / (fan_in + fan_out), nothing beyond 2 pre-truncation stddevs", () => {
    const kernel = initializeKernel("glorot_normal", key, FAN_IN, FAN_OUT);
    expect(kernel.length).toBe(FAN_IN * FAN_OUT);
    const target = 2 / (FAN_IN + FAN_OUT);
    const { mean, variance, maxAbs } = stats(kernel);
    expect(Math.abs(variance / target - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean)).toBeLessThan(0.01 * Math.sqrt(target));
    const stddev = Math.sqrt(target) / TRUNCATED_NORMAL_STDDEV;
    // float32 rounding of the stddev may move the bound by an ulp.
    expect(maxAbs).toBeLessThanOrEqual(2 * stddev * (1 + 1e-6));
    // The truncation is at 2 stddevs, not much tighter: samples do get close to it.
    expect(maxAbs).toBeGreaterThan(1.9 * stddev);
  });

  it("glorot_normal on the notebook's 16 × 16 layer draws from its truncated normal", () => {
    const kernel = initializeKernel("glorot_normal", key, 16, 16);
    const stddev = Math.sqrt(2 / 32) / TRUNCATED_NORMAL_STDDEV;
    expect(stats(kernel).maxAbs).toBeLessThanOrEqual(2 * stddev * (1 + 1e-6));
  });

  it("glorot_uniform: variance 2 / (fan_in + fan_out) on ±sqrt(6 / (fan_in + fan_out))", () => {
    const kernel = initializeKernel("glorot_uniform", key, FAN_IN, FAN_OUT);
    const target = 2 / (FAN_IN + FAN_OUT);
    const { variance, maxAbs } = stats(kernel);
    expect(Math.abs(variance / target - 1)).toBeLessThan(0.02);
    const limit = Math.sqrt(6 / (FAN_IN + FAN_OUT));
    expect(maxAbs).toBeLessThanOrEqual(limit * (1 + 1e-6));
    expect(maxAbs).toBeGreaterThan(0.99 * limit);
  });

  it("he_normal: variance 2 / fan_in", () => {
    const { variance, maxAbs } = stats(initializeKernel("he_normal", key, FAN_IN, FAN_OUT));
    expect(Math.abs(variance / (2 / FAN_IN) - 1)).toBeLessThan(0.02);
    expect(maxAbs).toBeLessThanOrEqual((2 * Math.sqrt(2 / FAN_IN) * (1 + 1e-6)) / TRUNCATED_NORMAL_STDDEV);
  });

  it("lecun_normal: variance 1 / fan_in", () => {
    const { variance } = stats(initializeKernel("lecun_normal", key, FAN_IN, FAN_OUT));
    expect(Math.abs(variance / (1 / FAN_IN) - 1)).toBeLessThan(0.02);
  });

  it("he_normal and lecun_normal differ only by a factor sqrt(2) on the same key", () => {
    const he = initializeKernel("he_normal", key, 8, 4);
    const lecun = initializeKernel("lecun_normal", key, 8, 4);
    he.forEach((v, i) => {
      expect(v).toBeCloseTo(lecun[i]! * Math.SQRT2, 6);
    });
  });

  it("zeros: all zero", () => {
    const kernel = initializeKernel("zeros", key, 3, 5);
    expect(kernel.length).toBe(15);
    expect(kernel.every((v) => v === 0)).toBe(true);
  });

  it("is deterministic per key and differs between keys", () => {
    const a = initializeKernel("glorot_normal", key, 4, 3);
    expect(initializeKernel("glorot_normal", key, 4, 3)).toEqual(a);
    expect(initializeKernel("glorot_normal", foldIn(key, 1), 4, 3)).not.toEqual(a);
  });
});

describe("initializer names", () => {
  it("recognises every listed name and nothing else", () => {
    for (const name of INITIALIZER_NAMES) expect(isInitializerName(name)).toBe(true);
    expect(isInitializerName("xavier")).toBe(false);
    expect(isInitializerName(undefined)).toBe(false);
  });

  it("assertInitializerName names the field and what is accepted", () => {
    expect(() => assertInitializerName("xavier", "trainable.kernelInit")).toThrow(InvalidArgumentError);
    expect(() => assertInitializerName("xavier", "trainable.kernelInit")).toThrow(
      /"xavier" for trainable\.kernelInit; accepted: glorot_normal, glorot_uniform, he_normal, lecun_normal, zeros/,
    );
  });
});
