import { type EnsembleSpecInput, linspace, makeToyData, resolveEnsembleSpec } from "@rpf/core";
import { bootstrapWeights, HandleSession, initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { createMatrixHandle } from "./matrix-handle.js";
import { kernelInstanceCounts } from "./wasm/kernel-loader.js";
import { WasmMemberTrainer } from "./wasm/wasm-member-trainer.js";

/** Trains and predicts once on a fresh handle, disposes it, and returns what it produced. */
async function trainOnce(input: EnsembleSpecInput, kernel: "auto" | "typescript" = "auto", n = 60) {
  const spec = resolveEnsembleSpec(input);
  const data = makeToyData({ seed: 2, n });
  const handle = new HandleSession(createMatrixHandle({ spec, params: initEnsembleParams(spec) }, { kernel }), spec);
  const fit = await handle.fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: spec.epochs });
  const prediction = await handle.predict(linspace(-1, 2, 41));
  const params = await handle.params();
  await handle.dispose();
  return { fit, prediction, params };
}

describe("wasm kernel instances", () => {
  it("are given back on dispose and lent again: a 64-member ensemble trained twice needs 65 in all", async () => {
    const before = kernelInstanceCounts();
    const spec = { members: 64, epochs: 3, seed: 1 };
    await trainOnce(spec);
    await trainOnce(spec);
    // One per member and one for prediction. Before: the members were rebuilt at the first fit
    // while the first set was alive (129 per run), past the 125 memories Chromium allows.
    const made = kernelInstanceCounts().created - before.created;
    expect(made).toBeLessThanOrEqual(65);
    expect(kernelInstanceCounts().idle).toBeGreaterThanOrEqual(65);
  });

  it("train and predict bit-identically after reuse by a differently shaped ensemble", async () => {
    // relu: the wasm kernel and the TypeScript trainer agree bit for bit on any engine.
    const spec: EnsembleSpecInput = { members: 4, epochs: 30, seed: 3, trainable: { activation: "relu" } };
    const reference = await trainOnce(spec, "typescript");
    // Leaves larger, non-zero memories in the pool (wider layers, more rows, minibatches).
    await trainOnce(
      { members: 6, epochs: 5, seed: 9, batchSize: 32, trainable: { hiddenSizes: [40, 40] } },
      "auto",
      500,
    );
    const reused = await trainOnce(spec);
    expect(Array.from(reused.params.trainable)).toEqual(Array.from(reference.params.trainable));
    expect(Array.from(reused.fit.lossHistory)).toEqual(Array.from(reference.fit.lossHistory));
    expect(Array.from(reused.prediction.members)).toEqual(Array.from(reference.prediction.members));
  });

  it("are out of reach of the trainer that gave theirs back", () => {
    const spec = resolveEnsembleSpec({ members: 1 });
    const params = initEnsembleParams(spec);
    const trainer = new WasmMemberTrainer(spec, params.trainable, params.prior, 8);
    trainer.dispose();
    expect(() => trainer.params).toThrow(/disposed/);
  });
});
