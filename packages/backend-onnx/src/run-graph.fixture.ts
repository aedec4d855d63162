import type * as OrtCommon from "onnxruntime-common";
import { loadRuntime, type RuntimeName } from "./runtime/ort-runtime.js";

/** The runtimes and execution providers every parity test runs an exported graph on here. */
export const GRAPH_RUNTIMES = [
  ["onnxruntime-node", "cpu"],
  ["onnxruntime-web", "wasm"],
] as const;

/**
 * An ONNX graph's outputs for the float32 input `x` [rows, width], on a session opened for this run
 * alone (graph optimisation "all", as the onnx backend opens its own) and released after it.
 */
export async function runGraphOnce(
  bytes: Uint8Array,
  runtimeName: RuntimeName,
  provider: string,
  x: Float32Array,
  width: number,
): Promise<OrtCommon.InferenceSession.OnnxValueMapType> {
  const ort = await loadRuntime(runtimeName);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: [provider],
    graphOptimizationLevel: "all",
  });
  try {
    return await session.run({ x: new ort.Tensor("float32", x, [x.length / width, width]) });
  } finally {
    await session.release();
  }
}
