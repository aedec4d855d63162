import type { Backend } from "@rpf/core";
import type { RegisterOptions } from "@rpf/core/backend";
import { createMatrixBackend } from "./backend-factory.js";
import { createMatrixHandle } from "./matrix-handle.js";
import { registerMatrixPair } from "./register.js";
import { wasmKernelUnavailableReason } from "./wasm/kernel-loader.js";

/** What trains and predicts here: the wasm kernel, or why the TypeScript code does. */
export function kernelDescription(): string {
  const reason = wasmKernelUnavailableReason();
  return reason
    ? `float64, TypeScript trainer (no wasm kernel: ${reason})`
    : "float64, WebAssembly SIMD trainer and predictor (TypeScript for GELU)";
}

/**
 * The CPU backend: float64 inside, the reference the other backends are held to. Members train and
 * predict on the WebAssembly SIMD kernel where it runs the spec, else in TypeScript; both give
 * the same bits (see kernelDescription).
 */
export const matrixBackend: Backend = createMatrixBackend("matrix", kernelDescription, async (init) =>
  createMatrixHandle(init),
);

/** backend-matrix held to its pure-TypeScript trainer: the reference the wasm kernel is checked against. */
export const matrixTypescriptBackend: Backend = createMatrixBackend(
  "matrix",
  () => "float64, TypeScript trainer (reference)",
  async (init) => createMatrixHandle(init, { kernel: "typescript" }),
);

/**
 * The same backend storing every value in float32: a diagnostic that shows how far float32
 * rounding alone moves a long training run from the float64 reference.
 */
export const matrixFloat32Backend: Backend = createMatrixBackend(
  "matrix-f32",
  () => "pure TypeScript, float32 storage (diagnostic)",
  async (init) => createMatrixHandle(init, { precision: "float32" }),
);

/**
 * Registers the matrix backend with core's registry (priority 10 unless `options` says otherwise),
 * and its float32 twin `matrix-f32` at priority 0.
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerMatrixBackend(options: RegisterOptions = {}): void {
  registerMatrixPair(matrixBackend, matrixFloat32Backend, options);
}

export { DenseNetwork } from "./dense-network.js";
export { type KernelChoice, MatrixEnsembleHandle, type MatrixHandleOptions } from "./matrix-handle.js";
export type { Precision } from "./precision.js";
