import { availableParallelism } from "node:os";
import type { Backend } from "@rpf/core";
import type { RegisterOptions } from "@rpf/core/backend";
import { createMatrixBackend } from "./backend-factory.js";
import { kernelDescription, matrixFloat32Backend } from "./index.js";
import { createMatrixHandle } from "./matrix-handle.js";
import { ParallelMatrixHandle } from "./parallel/parallel-matrix-handle.js";
import { registerMatrixPair } from "./register.js";

/**
 * backend-matrix for Node.js, training members on worker threads (one per core by default). The
 * results are bit-identical to the single-threaded backend; browsers use the main entry.
 */
export function createParallelMatrixBackend(threads = availableParallelism()): Backend {
  // cannot throw {InvalidArgumentError | ShapeError | UnsupportedError}: the factory runs later, in createEnsemble
  return createMatrixBackend(
    "matrix",
    () => `${kernelDescription()}, ${threads} thread${threads === 1 ? "" : "s"}`,
    async (init) =>
      threads > 1 && init.spec.members > 1 ? ParallelMatrixHandle.create(init, threads) : createMatrixHandle(init),
  );
}

/** registerMatrixBackend's options, and how many worker threads train members. */
export interface ParallelMatrixOptions extends RegisterOptions {
  /** Worker threads, a whole number >= 1 (default: one per core). */
  readonly threads?: number;
}

/**
 * Registers the multi-threaded matrix backend (priority 10 unless `options` says otherwise) and
 * the float32 twin `matrix-f32` (priority 0).
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerParallelMatrixBackend({ threads, ...options }: ParallelMatrixOptions = {}): void {
  registerMatrixPair(createParallelMatrixBackend(threads), matrixFloat32Backend, options);
}

export { ParallelMatrixHandle, splitMembers } from "./parallel/parallel-matrix-handle.js";
