import { availableParallelism } from "node:os";
import { type Backend, registerBackend } from "@rpf/core";
import { createMatrixBackend } from "./backend-factory.js";
import { kernelDescription, matrixFloat32Backend } from "./index.js";
import { createMatrixHandle } from "./matrix-handle.js";
import { ParallelMatrixHandle } from "./parallel/parallel-matrix-handle.js";

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

/**
 * Registers the multi-threaded matrix backend (priority 10) and the float32 twin (priority 0).
 * @throws {InvalidArgumentError} when @rpf/core implements another backend contract version than this package.
 */
export function registerParallelMatrixBackend(threads = availableParallelism(), priority = 10): void {
  registerBackend(createParallelMatrixBackend(threads), { priority });
  registerBackend(matrixFloat32Backend, { priority: 0 });
}

export { ParallelMatrixHandle, splitMembers } from "./parallel/parallel-matrix-handle.js";
