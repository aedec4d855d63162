import {
  BACKEND_CONTRACT_VERSION,
  type Backend,
  BackendUnavailableError,
  type DeviceName,
  type EnsembleInit,
  registerBackend,
} from "@rpf/core";
import { createMatrixHandle } from "./matrix-handle.js";
import type { Precision } from "./precision.js";

function createMatrixBackend(name: string, precision: Precision, detail: string): Backend {
  return {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name,
    capabilities: { train: true, infer: true },
    async listDevices() {
      return [{ name: "cpu", available: true, detail }];
    },
    async createEnsemble(init: EnsembleInit, options: { device?: DeviceName } = {}) {
      const device = options.device ?? "auto";
      if (device !== "auto" && device !== "cpu") {
        throw new BackendUnavailableError(`backend "${name}" has no device "${device}"; available: cpu`, {
          field: "device",
          accepted: "cpu",
        });
      }
      return createMatrixHandle(init, precision);
    },
  };
}

/** The pure-TypeScript CPU backend: float64 inside, the reference the other backends are held to. */
export const matrixBackend: Backend = createMatrixBackend("matrix", "float64", "pure TypeScript, float64");

/**
 * The same backend storing every value in float32: a diagnostic that shows how far float32
 * rounding alone moves a long training run from the float64 reference.
 */
export const matrixFloat32Backend: Backend = createMatrixBackend(
  "matrix-f32",
  "float32",
  "pure TypeScript, float32 storage (diagnostic)",
);

/** Registers the matrix backend with core's registry (priority 10), and its float32 twin (priority 0). */
export function registerMatrixBackend(priority = 10): void {
  registerBackend(matrixBackend, { priority });
  registerBackend(matrixFloat32Backend, { priority: 0 });
}

export { DenseNetwork } from "./dense-network.js";
export { MatrixEnsembleHandle } from "./matrix-handle.js";
export type { Precision } from "./precision.js";
