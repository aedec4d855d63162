import { matrixBackend } from "@rpf/backend-matrix";
import { Ensemble, linspace, type ModelData, makeHeteroscedasticToyData, type Prediction } from "@rpf/core";
import { registerBackend } from "@rpf/core/backend";
import { beforeAll, describe, expect, it } from "vitest";
import { exportOnnx } from "./export/export-onnx.js";
import { importOnnx } from "./import/import-onnx.js";
import { onnxBackend } from "./index.js";
import { loadRuntime } from "./runtime/ort-runtime.js";

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * Issue #12's must-show: a Gaussian-head ensemble trained on backend-matrix on core's
 * heteroscedastic toy data predicts the same through ONNX — the exported graph's own outputs,
 * and the onnx backend serving the imported file — within 1e-4 of backend-matrix.
 */
describe("a Gaussian-head ensemble through ONNX (heteroscedastic toy data)", () => {
  let model: ModelData;
  let reference: Prediction;
  // In the data ([0, 1]) and far outside it, where the epistemic part dominates.
  const grid = linspace(-2, 3, 200);
  beforeAll(async () => {
    registerBackend(matrixBackend, { priority: 10 });
    const ensemble = await Ensemble.create(
      {
        members: 5,
        head: "gaussian",
        standardize: "xy",
        epochs: 200,
        batchSize: 100,
        optimizer: { kind: "adam", learningRate: 0.01 },
        weightDecay: 1e-4,
        seed: 1,
      },
      { backend: "matrix" },
    );
    await ensemble.fit(makeHeteroscedasticToyData({ seed: 2, n: 400 }));
    reference = await ensemble.predict(grid);
    model = await ensemble.toModel();
    await ensemble.dispose();
  }, 120_000);

  it("the reference is a real Gaussian prediction: finite, aleatoric and epistemic parts both present", () => {
    for (const part of [reference.mean, reference.std, reference.aleatoricStd, reference.epistemicStd]) {
      expect(part.every(Number.isFinite)).toBe(true);
    }
    expect(Math.min(...reference.aleatoricStd)).toBeGreaterThan(0);
    expect(Math.max(...reference.epistemicStd)).toBeGreaterThan(0);
  });

  it("the exported graph outputs mean, std, aleatoric_std, epistemic_std and each member's variance within 1e-4", async () => {
    const ort = await loadRuntime("onnxruntime-node");
    const session = await ort.InferenceSession.create(exportOnnx(model), { executionProviders: ["cpu"] });
    const outputs = await session.run({ x: new ort.Tensor("float32", grid, [grid.length, 1]) });
    await session.release();
    expect(outputs.aleatoric_std!.dims).toEqual([200, 1]);
    expect(outputs.variance!.dims).toEqual([5, 200, 1]);
    const pairs = [
      ["mean", reference.mean],
      ["std", reference.std],
      ["aleatoric_std", reference.aleatoricStd],
      ["epistemic_std", reference.epistemicStd],
      ["members", reference.members],
      ["variance", reference.variance!],
    ] as const;
    for (const [name, expected] of pairs) {
      expect(maxAbsDiff(outputs[name]!.data as Float32Array, expected), name).toBeLessThan(1e-4);
    }
  });

  it("imports back exactly, and the onnx backend serves it within 1e-4 of backend-matrix", async () => {
    const back = importOnnx(exportOnnx(model));
    expect(back.spec).toEqual(model.spec);
    expect(back.spec.head).toBe("gaussian");
    expect(new Uint32Array(back.params.trainable.buffer)).toEqual(new Uint32Array(model.params.trainable.buffer));
    expect(new Uint32Array(back.params.prior.buffer)).toEqual(new Uint32Array(model.params.prior.buffer));
    expect(back.standardizer).toEqual(model.standardizer);
    registerBackend(onnxBackend, { priority: 1 });
    const served = await Ensemble.fromModel(back, { backend: "onnx:cpu" });
    const prediction = await served.predict(grid);
    await served.dispose();
    for (const part of ["mean", "std", "aleatoricStd", "epistemicStd"] as const) {
      expect(maxAbsDiff(prediction[part], reference[part]), part).toBeLessThan(1e-4);
    }
    expect(maxAbsDiff(prediction.variance!, reference.variance!)).toBeLessThan(1e-4);
  });
});
