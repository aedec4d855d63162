import type { DeviceEntry } from "@rpf/core/backend";
import type { RuntimeName } from "./ort-runtime.js";

/** How one rpf device runs in one environment: which onnxruntime package and execution provider. */
export interface ProviderRoute {
  readonly runtime: RuntimeName;
  readonly executionProvider: string;
  /** What to do when the provider is not part of the installed runtime. */
  readonly installHint?: string;
}

const CUDA_HINT = "reinstall onnxruntime-node with ONNXRUNTIME_NODE_INSTALL=cuda12 set (needs CUDA 12 and cuDNN 9)";

/**
 * Every rpf device the ONNX backend knows, mapped to onnxruntime execution providers, in the one
 * place that does so. The order is the order `auto` tries them: GPUs and accelerators first.
 */
export const PROVIDER_ROUTES: readonly DeviceEntry<ProviderRoute>[] = [
  {
    device: "tensorrt",
    routes: {
      node: {
        runtime: "onnxruntime-node",
        executionProvider: "tensorrt",
        installHint: `${CUDA_HINT}, and TensorRT 10`,
      },
    },
  },
  {
    device: "cuda",
    routes: { node: { runtime: "onnxruntime-node", executionProvider: "cuda", installHint: CUDA_HINT } },
  },
  {
    device: "dml",
    routes: {
      node: {
        runtime: "onnxruntime-node",
        executionProvider: "dml",
        installHint: "DirectML ships with onnxruntime-node on Windows only",
      },
    },
  },
  {
    device: "coreml",
    routes: {
      node: {
        runtime: "onnxruntime-node",
        executionProvider: "coreml",
        installHint: "CoreML ships with onnxruntime-node on macOS only",
      },
    },
  },
  {
    device: "webgpu",
    routes: {
      node: { runtime: "onnxruntime-node", executionProvider: "webgpu" },
      browser: { runtime: "onnxruntime-web", executionProvider: "webgpu" },
    },
  },
  { device: "webnn", routes: { browser: { runtime: "onnxruntime-web", executionProvider: "webnn" } } },
  { device: "cpu", routes: { node: { runtime: "onnxruntime-node", executionProvider: "cpu" } } },
  {
    device: "wasm",
    routes: {
      node: { runtime: "onnxruntime-web", executionProvider: "wasm" },
      browser: { runtime: "onnxruntime-web", executionProvider: "wasm" },
    },
  },
];
