import { registerMatrixBackend } from "@rpf/backend-matrix";
import { registerOnnxBackend } from "@rpf/backend-onnx";
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
  registerOnnxBackend();
  registered = true;
}
