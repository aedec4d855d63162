import type { OptimizerSpec } from "@rpf/core";
import { ConformanceFailure, FLOAT64_TOLERANCES, runConformanceCase } from "@rpf/core/testing";
import { describe, expect, it, vi } from "vitest";
import type { Numbers } from "./precision.js";

/** The real backend with Adam's bias correction left out (a classic port error). */
vi.mock("./optimizer.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./optimizer.js")>();
  return {
    ...original,
    applyUpdate(
      spec: OptimizerSpec,
      params: Numbers,
      grads: Numbers,
      state: { step: number; first: Numbers; second: Numbers },
      weightDecay?: number,
    ) {
      if (spec.kind !== "adam") return original.applyUpdate(spec, params, grads, state, weightDecay);
      state.step += 1;
      for (let i = 0; i < params.length; i++) {
        state.first[i] = spec.b1 * state.first[i]! + (1 - spec.b1) * grads[i]!;
        state.second[i] = spec.b2 * state.second[i]! + (1 - spec.b2) * grads[i]! ** 2;
        params[i]! -= (spec.learningRate * state.first[i]!) / (Math.sqrt(state.second[i]!) + spec.eps);
      }
    },
  };
});

// The TypeScript trainer: the wasm kernel has its own update rule and would not see the mock.
const { matrixTypescriptBackend } = await import("./index.js");

describe("the conformance suite catches broken backends", () => {
  it("fails a backend whose Adam has no bias correction", async () => {
    for (const name of [
      "one Adam step matches optax's update rule",
      "50 full-batch Adam steps follow the reference trajectory",
    ]) {
      await expect(
        runConformanceCase(name, { backend: matrixTypescriptBackend, tolerances: FLOAT64_TOLERANCES }),
      ).rejects.toBeInstanceOf(ConformanceFailure);
    }
  });
});
