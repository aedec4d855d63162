import { FLOAT32_TOLERANCES } from "@rpf/core/testing";
import { describeConformance } from "@rpf/core/testing/vitest";
import { onnxBackend } from "./index.js";

const NO_PROBE =
  "onnxruntime owns its memory natively and exposes no live-object count; dispose() releasing the session is checked instead";

for (const device of ["cpu", "wasm"] as const) {
  describeConformance(`onnx:${device} (float32)`, {
    backend: onnxBackend,
    device,
    tolerances: FLOAT32_TOLERANCES,
    skip: { "create, fit, predict and dispose leak no live objects": NO_PROBE },
  });
}
