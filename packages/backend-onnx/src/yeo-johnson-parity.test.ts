import { Ensemble, standardizeX } from "@rpf/core";
import { registerBackend } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { exportOnnx } from "./export/export-onnx.js";
import { importOnnx } from "./import/import-onnx.js";
import { onnxBackend } from "./index.js";
import { GRAPH_RUNTIMES, runGraphOnce } from "./run-graph.fixture.js";
import { closenessTo, type Expected, yeoJohnsonCase } from "./yeo-johnson-model.fixture.js";

function expectClose(what: string, actual: ArrayLike<number>, expected: Expected): void {
  const closeness = closenessTo(actual, expected);
  expect(
    closeness.ok,
    `${what}: max |Δ| ${closeness.maxAbs} (${closeness.maxRel} relative) at ${closeness.worstIndex}`,
  ).toBe(true);
}

/**
 * A model with inputTransform "yeo-johnson" predicts through its exported ONNX graph what core
 * predicts (core's standardizeX, then its float64 reference), to the float32 forward tolerance
 * relative to the terms summed. Measured 2026-11-30: within 3.1e-6 on onnxruntime-node cpu and
 * 1.5e-6 on onnxruntime-web wasm; the onnx backend serving the imported file, 1.2e-7.
 */
describe("an ensemble with the Yeo-Johnson input transform through ONNX", () => {
  const { model, x, width, expected } = yeoJohnsonCase();

  it("the reference reaches far: the transformed inputs span many orders of magnitude, all finite", () => {
    const magnitudes = Array.from(standardizeX(model.standardizer, x), Math.abs).filter((v) => v > 0);
    expect(Math.max(...magnitudes)).toBeGreaterThan(1e9);
    expect(expected.members.values.every(Number.isFinite)).toBe(true);
  });

  it.each(GRAPH_RUNTIMES)(
    "the exported graph on %s (%s) gives core's members, prior, trainable and mean",
    async (runtimeName, provider) => {
      const outputs = await runGraphOnce(exportOnnx(model), runtimeName, provider, x, width);
      for (const part of ["members", "prior", "trainable", "mean"] as const)
        expectClose(part, outputs[part]!.data as Float32Array, expected[part]);
    },
  );

  it("would catch a graph without the transform: it misses core by far more than the tolerance", async () => {
    const { xLambda: _dropped, ...untransformed } = model.standardizer;
    const bytes = exportOnnx({
      ...model,
      spec: { ...model.spec, inputTransform: "none" },
      standardizer: untransformed,
    });
    const members = (await runGraphOnce(bytes, "onnxruntime-node", "cpu", x, width)).members!.data as Float32Array;
    expect(closenessTo(members, expected.members).ok).toBe(false);
  });

  it("imports back with its spec and standardizer, and the onnx backend serves it as core predicts", async () => {
    const back = importOnnx(exportOnnx(model));
    expect(back.spec).toEqual(model.spec);
    expect(back.standardizer).toEqual(model.standardizer);
    registerBackend(onnxBackend, { priority: 1 });
    const served = await Ensemble.fromModel(back, { backend: "onnx:cpu" });
    const prediction = await served.predict(x);
    await served.dispose();
    expectClose("members (onnx backend)", prediction.members, expected.members);
  });
});
