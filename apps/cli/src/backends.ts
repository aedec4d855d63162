import { registerMatrixBackend } from "@rpf/backend-matrix";
import { registerTfjsBackend } from "@rpf/backend-tfjs";
import * as tf from "@tensorflow/tfjs-core";

let registered = false;

/** Registers every backend this CLI ships with (once). */
export function registerBuiltinBackends(): void {
  if (registered) return;
  // The CLI owns its process: PROD mode skips tfjs' debug checks and its "install tfjs-node" banner.
  tf.env().set("PROD", true);
  registerMatrixBackend();
  registerTfjsBackend();
  registered = true;
}
