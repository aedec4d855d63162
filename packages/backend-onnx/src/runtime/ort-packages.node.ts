import type { RuntimeLoaders, RuntimeName } from "./ort-runtime.js";

/**
 * The onnxruntime packages Node can load: onnxruntime-node for its native execution providers
 * (cpu, cuda, …) and onnxruntime-web for wasm. Chosen by the "node" condition of the package's
 * `#ort-packages` import.
 */
export const ORT_PACKAGES: RuntimeLoaders = new Map<RuntimeName, () => Promise<unknown>>([
  ["onnxruntime-node", () => import("onnxruntime-node")],
  ["onnxruntime-web", () => import("onnxruntime-web")],
]);
