import type { Backend } from "@rpf/core";
import { type RegisterOptions, registerBackend } from "@rpf/core/backend";

/**
 * Registers `matrix` (one of its variants: single-threaded here, on worker threads in Node) at
 * priority 10 unless `options` says otherwise, and `float32Twin` at priority 0, below every backend
 * "auto" should pick.
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerMatrixPair(matrix: Backend, float32Twin: Backend, options: RegisterOptions): void {
  registerBackend(matrix, { priority: 10, ...options });
  registerBackend(float32Twin, { priority: 0 });
}
