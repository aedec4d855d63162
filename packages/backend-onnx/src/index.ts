import type { Backend, DeviceName } from "@rpf/core";
import { BACKEND_CONTRACT_VERSION, type EnsembleInit, type RegisterOptions, registerBackend } from "@rpf/core/backend";
import { OnnxEnsembleHandle } from "./onnx-handle.js";
import { listOnnxDevices, startDevice } from "./runtime/devices.js";

/** The ONNX backend: inference on onnxruntime execution providers; training is unsupported. */
export const onnxBackend: Backend = {
  contractVersion: BACKEND_CONTRACT_VERSION,
  name: "onnx",
  capabilities: { train: false, infer: true, heads: ["mse", "gaussian", "categorical"] },
  listDevices: listOnnxDevices,
  async createEnsemble(init: EnsembleInit, options: { device?: DeviceName } = {}) {
    const { device, route } = await startDevice(options.device ?? "auto");
    return OnnxEnsembleHandle.create(init.spec, init.params, device, route);
  },
};

/**
 * Registers the ONNX backend with core's registry, unless `options` says otherwise: for inference
 * after backend-matrix (priority 8 for "infer", matrix has 10) and before tfjs; last otherwise
 * (priority 1: it cannot train). Matrix comes
 * first because its outputs do not depend on the batch a point is predicted in (onnxruntime's
 * float32 kernels round differently for different batch sizes, about 1e-6 relative) and it is
 * now the faster of the two on the seed spec (docs/benchmarks.md).
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerOnnxBackend(options: RegisterOptions = {}): void {
  registerBackend(onnxBackend, { priority: 1, ...options, priorityFor: { infer: 8, ...options.priorityFor } });
}

export { exportOnnx, type OnnxExportOptions } from "./export/export-onnx.js";
export { IR_VERSION, METADATA, ONNX_FORMAT, ONNX_FORMAT_VERSION, OPSET_VERSION, TENSOR } from "./export/names.js";
export { importOnnx, ONNX_MODEL_PROTO } from "./import/import-onnx.js";
export { onnxModelCodec } from "./model-codec.js";
export { OnnxEnsembleHandle } from "./onnx-handle.js";
export { PROVIDER_ROUTES, type ProviderRoute } from "./runtime/execution-providers.js";
export { setOnnxRuntimeLoader } from "./runtime/ort-runtime.js";
