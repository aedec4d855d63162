import { FLOAT32_TOLERANCES } from "@rpf/core/testing";
import { describeConformance } from "@rpf/core/testing/vitest";
import * as tf from "@tensorflow/tfjs-core";
import { tfjsBackend } from "./index.js";

for (const device of ["cpu", "wasm"] as const) {
  describeConformance(`tfjs:${device} (float32)`, {
    backend: tfjsBackend,
    device,
    tolerances: FLOAT32_TOLERANCES,
    memoryProbe: () => tf.memory().numTensors,
  });
}
