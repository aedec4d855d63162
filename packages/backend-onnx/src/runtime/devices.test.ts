import { BackendUnavailableError, Ensemble, resolveEnsembleSpec, UnsupportedError } from "@rpf/core";
import { initEnsembleParams, registerBackend } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { onnxBackend } from "../index.js";
import { listOnnxDevices, startDevice } from "./devices.js";

const spec = resolveEnsembleSpec({ members: 2, epochs: 1 });

describe("onnx devices", () => {
  it("lists cpu and wasm as available here, and says why cuda is not", async () => {
    const devices = await listOnnxDevices();
    const byName = new Map(devices.map((d) => [d.name, d]));
    expect(byName.get("cpu")?.available).toBe(true);
    expect(byName.get("wasm")?.available).toBe(true);
    expect(byName.get("cuda")?.available).toBe(false);
    expect(byName.get("cuda")?.detail).toMatch(/ONNXRUNTIME_NODE_INSTALL=cuda12/);
  });

  it("a request for cuda names the missing provider, the install flag and what is available", async () => {
    const attempt = onnxBackend.createEnsemble({ spec, params: initEnsembleParams(spec) }, { device: "cuda" });
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      /onnx device "cuda" is unavailable: the cuda execution provider is not installed: .*ONNXRUNTIME_NODE_INSTALL=cuda12.*; available: .*cpu/,
    );
  });

  it("auto falls back to cpu and says what it passed over", async () => {
    const started = await startDevice("auto");
    expect(started.device).toBe("cpu");
    expect(started.skipped.map((s) => s.split(":")[0])).toEqual(["tensorrt", "cuda", "dml", "coreml", "webgpu"]);
  });

  it("training is unsupported, with a typed error", async () => {
    registerBackend(onnxBackend);
    const ensemble = await Ensemble.fromModel(
      {
        spec,
        params: initEnsembleParams(spec),
        standardizer: { xMean: [0], xScale: [1], yMean: [0], yScale: [1] },
        training: null,
      },
      { backend: "onnx" },
    );
    await expect(
      ensemble.fit({ x: Float32Array.of(0, 1), y: Float32Array.of(0, 1), n: 2, inputSize: 1, outputSize: 1 }),
    ).rejects.toBeInstanceOf(UnsupportedError);
    await ensemble.dispose();
  });
});
