import { type Backend, BackendUnavailableError, type DeviceName } from "@rpf/core";
import { BACKEND_CONTRACT_VERSION, type EnsembleHandle, type EnsembleInit } from "@rpf/core/backend";

/** A backend-matrix variant: one cpu device and a way to open handles. */
export function createMatrixBackend(
  name: string,
  detail: () => string,
  open: (init: EnsembleInit) => Promise<EnsembleHandle>,
): Backend {
  return {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name,
    capabilities: { train: true, infer: true, heads: ["mse", "gaussian", "categorical"] },
    async listDevices() {
      return [{ name: "cpu", available: true, detail: detail() }];
    },
    async createEnsemble(init: EnsembleInit, options: { device?: DeviceName } = {}) {
      const device = options.device ?? "auto";
      if (device !== "auto" && device !== "cpu") {
        throw new BackendUnavailableError(`backend "${name}" has no device "${device}"; available: cpu`, {
          field: "device",
          accepted: "cpu",
        });
      }
      return open(init);
    },
  };
}
