import {
  BACKEND_CONTRACT_VERSION,
  type Backend,
  BackendUnavailableError,
  type DeviceName,
  type EnsembleInit,
  registerBackend,
} from "@rpf/core";
import { createMatrixHandle } from "./matrix-handle.js";

/** The pure-TypeScript CPU backend: float64 inside, the reference the other backends are held to. */
export const matrixBackend: Backend = {
  contractVersion: BACKEND_CONTRACT_VERSION,
  name: "matrix",
  capabilities: { train: true, infer: true },
  async listDevices() {
    return [{ name: "cpu", available: true, detail: "pure TypeScript, float64" }];
  },
  async createEnsemble(init: EnsembleInit, options: { device?: DeviceName } = {}) {
    const device = options.device ?? "auto";
    if (device !== "auto" && device !== "cpu") {
      throw new BackendUnavailableError(`backend "matrix" has no device "${device}"; available: cpu`, {
        field: "device",
        accepted: "cpu",
      });
    }
    return createMatrixHandle(init);
  },
};

/** Registers the matrix backend with core's registry (priority 10). */
export function registerMatrixBackend(priority = 10): void {
  registerBackend(matrixBackend, { priority });
}

export { DenseNetwork } from "./dense-network.js";
export { MatrixEnsembleHandle } from "./matrix-handle.js";
