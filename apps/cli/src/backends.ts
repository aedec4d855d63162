import { registerMatrixBackend } from "@rpf/backend-matrix";

let registered = false;

/** Registers every backend this CLI ships with (once). */
export function registerBuiltinBackends(): void {
  if (registered) return;
  registerMatrixBackend();
  registered = true;
}
