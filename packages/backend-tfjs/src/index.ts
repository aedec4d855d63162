import type { Backend, DeviceName } from "@rpf/core";
import { BACKEND_CONTRACT_VERSION, type EnsembleInit, type RegisterOptions, registerBackend } from "@rpf/core/backend";
import { listTfjsDevices, startDevice } from "./devices.js";
import { TfjsEnsembleHandle } from "./tfjs-handle.js";

/** The TensorFlow.js backend: float32, members stacked for batched matmuls. */
export const tfjsBackend: Backend = {
  contractVersion: BACKEND_CONTRACT_VERSION,
  name: "tfjs",
  capabilities: { train: true, infer: true, heads: ["mse", "gaussian", "categorical"] },
  listDevices: listTfjsDevices,
  async createEnsemble(init: EnsembleInit, options: { device?: DeviceName } = {}) {
    const { device, tfName } = await startDevice(options.device ?? "auto");
    return new TfjsEnsembleHandle(init, device, tfName);
  },
};

/**
 * Registers the tfjs backend with core's registry: priority 5 unless `options` says otherwise
 * (below matrix until measured faster).
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerTfjsBackend(options: RegisterOptions = {}): void {
  registerBackend(tfjsBackend, { priority: 5, ...options });
}

export { setTfjsDeviceLoader, TFJS_DEVICE_ORDER, TFJS_DEVICES } from "./devices.js";
export { TfjsEnsembleHandle } from "./tfjs-handle.js";
