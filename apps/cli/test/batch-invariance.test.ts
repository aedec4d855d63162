import { matrixBackend, matrixFloat32Backend, matrixTypescriptBackend } from "@rpf/backend-matrix";
import { createParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { onnxBackend } from "@rpf/backend-onnx";
import { tfjsBackend } from "@rpf/backend-tfjs";
import { type Backend, type DeviceName, Ensemble, type ModelData, makeToyData } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { runCli, useTrainedModel } from "./run-cli.js";

/** The toy ensemble of issue #11 (9 members, β = 3, 300 epochs, seed 0). */
const TOY = ["--members", "9", "--beta", "3", "--epochs", "300", "--seed", "0"];

/** Batches that hold the point at `at` among n points: sizes on both sides of every chunk boundary. */
const LAYOUTS = [
  [3, 0],
  [5, 0],
  [5, 4],
  [64, 17],
  [5000, 1234],
  [20_000, 19_999],
] as const;
const POINTS = [-2, 0.3, 4.7];

let trained: Promise<ModelData> | undefined;

/** The same toy ensemble trained in-process on backend-matrix, once for every backend below. */
function toyModel(): Promise<ModelData> {
  trained ??= (async () => {
    const trainer = await Ensemble.create(
      { members: 9, priorScale: 3, epochs: 300, seed: 0 },
      { backend: matrixBackend },
    );
    await trainer.fit(makeToyData({ seed: 0 }));
    const model = await trainer.toModel();
    await trainer.dispose();
    return model;
  })();
  return trained;
}

/** Worst relative difference of any member's output at a point between predicting it alone and inside each batch. */
async function worstBatchEffect(ensemble: Ensemble): Promise<number> {
  let worst = 0;
  for (const value of POINTS) {
    const alone = await ensemble.predict(Float32Array.of(value));
    for (const [n, at] of LAYOUTS) {
      const x = new Float32Array(n).map((_, i) => -5 + (10 * i) / n);
      x[at] = value;
      const batch = await ensemble.predict(x);
      for (let m = 0; m < batch.memberCount; m++) {
        const a = alone.members[m]!;
        const b = batch.members[m * n + at]!;
        worst = Math.max(worst, Math.abs(a - b) / Math.max(Math.abs(a), 1));
      }
    }
  }
  return worst;
}

describe("predictions do not depend on the batch (issue #11 item 7)", () => {
  const folder = useTrainedModel(TOY, "toy.json");

  it("the default backend gives the same std at x = -2 on a 3-point and a 5-point grid (the public case)", async () => {
    const row = async (grid: string) => {
      const result = await runCli(["predict", "--model", "toy.json", `--x=${grid}`], folder());
      expect(result.code).toBe(0);
      return result.stdout.split("\n")[1];
    };
    const three = await row("-2:2:3");
    expect(three).toMatch(/^-2,/);
    expect(await row("-2:2:5")).toBe(three);
  });

  it("auto predicts on backend-matrix first, as rpf info says", async () => {
    const info = await runCli(["info"], folder());
    expect(info.stdout).toMatch(/to predict: matrix, onnx, tfjs, matrix-f32\n$/);
  });
});

describe.each<[string, Backend, DeviceName, number]>([
  // Bit for bit: every row's dot products are summed in one fixed order whatever the batch.
  ["matrix, TypeScript kernel", matrixTypescriptBackend, "cpu", 0],
  ["matrix, WebAssembly kernel", matrixBackend, "cpu", 0],
  ["matrix, worker threads", createParallelMatrixBackend(2), "cpu", 0],
  ["matrix-f32", matrixFloat32Backend, "cpu", 0],
  // Measured bit for bit here too; tfjs does not promise it.
  ["tfjs", tfjsBackend, "cpu", 0],
  ["tfjs", tfjsBackend, "wasm", 0],
  // onnxruntime's float32 GEMM blocks rows by batch size, so sums round differently: ~1e-6 relative measured.
  ["onnx", onnxBackend, "cpu", 1e-5],
  ["onnx", onnxBackend, "wasm", 1e-5],
])("%s:%s, a point alone vs inside larger batches", (_label, backend, device, bound) => {
  it(bound === 0 ? "gives the same bits" : `differs by at most ${bound} relative`, async () => {
    const ensemble = await Ensemble.fromModel(await toyModel(), { backend, device });
    try {
      const worst = await worstBatchEffect(ensemble);
      if (bound === 0) expect(worst).toBe(0);
      else {
        expect(worst).toBeLessThanOrEqual(bound);
        // The bound is not loose: onnx really is batch-dependent, which is why auto predicts on matrix.
        expect(worst).toBeGreaterThan(0);
      }
    } finally {
      await ensemble.dispose();
    }
  });
});
