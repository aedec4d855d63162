import { matrixBackend } from "@rpf/backend-matrix";
import { Ensemble, type ModelData, makeToyData, NonFiniteOutputError, type Prediction } from "@rpf/core";
import { registerBackend } from "@rpf/core/backend";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { onnxBackend } from "./index.js";

const FLOAT32_MAX = 3.4028234663852886e38;
const DEVICES = ["cpu", "wasm"] as const;

let model: ModelData;

/** A prediction, or the rows of the NonFiniteOutputError it threw. */
async function predictOn(
  backend: typeof matrixBackend,
  device: string,
  x: Float32Array,
): Promise<Prediction | { rows: readonly number[] }> {
  const ensemble = await Ensemble.fromModel(model, { backend, device: device as "cpu" });
  try {
    return await ensemble.predict(x);
  } catch (error) {
    if (error instanceof NonFiniteOutputError) return { rows: error.rows };
    throw error;
  } finally {
    await ensemble.dispose();
  }
}

describe("onnx at inputs near the float32 limit (issue #11 item 4)", () => {
  // The public case: the toy ensemble with 9 members, β = 3, 300 epochs, seed 0.
  beforeAll(async () => {
    registerBackend(matrixBackend, { priority: 10 });
    const ensemble = await Ensemble.create({ members: 9, priorScale: 3, epochs: 300, seed: 0 }, { backend: "matrix" });
    await ensemble.fit(makeToyData({ seed: 0 }));
    model = await ensemble.toModel();
    await ensemble.dispose();
  }, 60_000);

  it.each(DEVICES)(
    "gives backend-matrix's finite answer at x = 1e38, bit for bit, on onnx:%s (once NaN)",
    async (device) => {
      const x = Float32Array.of(1e38);
      const matrix = (await predictOn(matrixBackend, "cpu", x)) as Prediction;
      expect(Number.isFinite(matrix.mean[0])).toBe(true);
      expect(matrix.mean[0]).toBeGreaterThan(1e37);
      const onnx = (await predictOn(onnxBackend, device, x)) as Prediction;
      expect(Array.from(onnx.members)).toEqual(Array.from(matrix.members));
      expect(onnx.mean[0]).toBe(matrix.mean[0]);
      expect(onnx.std[0]).toBe(matrix.std[0]);
    },
  );

  it.each(DEVICES)("refuses x = -1e38, whose true outputs exceed float32, on onnx:%s as on matrix", async (device) => {
    const x = Float32Array.of(0.5, -1e38, 2);
    expect(await predictOn(matrixBackend, "cpu", x)).toEqual({ rows: [1] });
    expect(await predictOn(onnxBackend, device, x)).toEqual({ rows: [1] });
  });

  it("recomputes only the overflowing rows of a batch; the others keep their float32 results", async () => {
    const ordinary = Float32Array.of(-2, 0.25, 3);
    const alone = (await predictOn(onnxBackend, "cpu", ordinary)) as Prediction;
    const mixed = (await predictOn(onnxBackend, "cpu", Float32Array.of(-2, 1e38, 0.25, 3))) as Prediction;
    // Not bit for bit: onnxruntime's float32 kernels round differently for different batch sizes (see the README).
    for (const [k, row] of [0, 2, 3].entries()) expect(mixed.mean[row]).toBeCloseTo(alone.mean[k]!, 5);
    const matrix = (await predictOn(matrixBackend, "cpu", Float32Array.of(1e38))) as Prediction;
    expect(mixed.mean[1]).toBe(matrix.mean[0]);
  });

  it("agrees with matrix on which extreme inputs have no float32 answer, and is finite wherever matrix is (property)", async () => {
    const extreme = fc.oneof(
      fc.double({ min: -FLOAT32_MAX, max: FLOAT32_MAX, noNaN: true }),
      fc.constantFrom(FLOAT32_MAX, -FLOAT32_MAX, 1e38, -1e38, 3e37, -3e37, 1e30, -1e30),
      fc.double({ min: -10, max: 10, noNaN: true }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(extreme, { minLength: 1, maxLength: 8 }), async (values) => {
        const x = Float32Array.from(values);
        const matrix = await predictOn(matrixBackend, "cpu", x);
        const onnx = await predictOn(onnxBackend, "cpu", x);
        if ("rows" in matrix && !("mean" in matrix)) {
          expect(onnx).toEqual(matrix);
          return;
        }
        const reference = matrix as Prediction;
        const got = onnx as Prediction;
        expect("mean" in got).toBe(true);
        for (let i = 0; i < x.length; i++) {
          // float32 sums in the onnx graph differ from matrix's float64 ones by rounding, relative to the spread of members.
          const scale = Math.max(1, Math.abs(reference.mean[i]!), reference.std[i]!);
          expect(Math.abs(got.mean[i]! - reference.mean[i]!) / scale).toBeLessThan(1e-4);
        }
      }),
      { numRuns: 40 },
    );
  });
});
