import type { RuntimeLoaders, RuntimeName } from "./ort-runtime.js";

/**
 * The onnxruntime package a browser can load: onnxruntime-web only. onnxruntime-node is not named
 * here, so a bundler never looks for it and an app needs no stub or alias. Chosen by the "browser"
 * (and default) condition of the package's `#ort-packages` import.
 */
export const ORT_PACKAGES: RuntimeLoaders = new Map<RuntimeName, () => Promise<unknown>>([
  ["onnxruntime-web", () => import("onnxruntime-web")],
]);
