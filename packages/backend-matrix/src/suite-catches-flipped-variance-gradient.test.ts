import { ConformanceFailure, FLOAT64_TOLERANCES, runConformanceCase } from "@rpf/core/testing";
import { describe, expect, it, vi } from "vitest";
import type { VarianceOfRaw } from "./gaussian-head.js";

/** The real backend with the sign of dv/draw flipped: the NLL's variance gradient points the wrong way. */
vi.mock("./gaussian-head.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./gaussian-head.js")>();
  return {
    ...original,
    varianceOfRaw(raw: number, floor: number, out: VarianceOfRaw): VarianceOfRaw {
      original.varianceOfRaw(raw, floor, out);
      out.slope = -out.slope;
      return out;
    },
  };
});

// The TypeScript trainer: the wasm kernel has its own copy of the head's maths and would not see the mock.
const { matrixTypescriptBackend } = await import("./index.js");

describe("the conformance suite catches broken backends", () => {
  it("fails a backend whose Gaussian variance gradient has the wrong sign", async () => {
    for (const name of [
      "gaussian head: the NLL gradient matches central finite differences",
      "gaussian head: one Adam step matches the reference",
    ]) {
      await expect(
        runConformanceCase(name, { backend: matrixTypescriptBackend, tolerances: FLOAT64_TOLERANCES }),
      ).rejects.toBeInstanceOf(ConformanceFailure);
    }
  });

  it("still passes its forward pass, which the flipped gradient does not touch", async () => {
    await runConformanceCase(
      "gaussian head: forward pass matches the float64 reference (means with β·p, variances without)",
      {
        backend: matrixTypescriptBackend,
        tolerances: FLOAT64_TOLERANCES,
      },
    );
  });
});
