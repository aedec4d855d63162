import { type Backend, registerBackend } from "@rpf/core";
import { createMatrixBackend } from "./backend-factory.js";
import { createMatrixHandle } from "./matrix-handle.js";

/** The pure-TypeScript CPU backend: float64 inside, the reference the other backends are held to. */
export const matrixBackend: Backend = createMatrixBackend("matrix", "pure TypeScript, float64", async (init) =>
  createMatrixHandle(init, "float64"),
);

/**
 * The same backend storing every value in float32: a diagnostic that shows how far float32
 * rounding alone moves a long training run from the float64 reference.
 */
export const matrixFloat32Backend: Backend = createMatrixBackend(
  "matrix-f32",
  "pure TypeScript, float32 storage (diagnostic)",
  async (init) => createMatrixHandle(init, "float32"),
);

/** Registers the matrix backend with core's registry (priority 10), and its float32 twin (priority 0). */
export function registerMatrixBackend(priority = 10): void {
  registerBackend(matrixBackend, { priority });
  registerBackend(matrixFloat32Backend, { priority: 0 });
}

export { DenseNetwork } from "./dense-network.js";
export { MatrixEnsembleHandle } from "./matrix-handle.js";
export type { Precision } from "./precision.js";
