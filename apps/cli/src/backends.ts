import { registerParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { registerOnnxBackend } from "@rpf/backend-onnx";
import { registerTfjsBackend } from "@rpf/backend-tfjs";
import * as tf from "@tensorflow/tfjs-core";

let registered = false;

/**
 * Registers every backend this CLI ships with (once). backend-matrix trains members on
 * `matrixThreads` worker threads (default: one per core); a caller that already runs one job per
 * core, like reproduce's pool, passes 1.
 */
export function registerBuiltinBackends(matrixThreads?: number): void {
  if (registered) return;
  // The CLI owns its process: PROD mode skips tfjs' debug checks and its "install tfjs-node" banner.
  tf.env().set("PROD", true);
  registerParallelMatrixBackend(matrixThreads);
  registerTfjsBackend();
  registerOnnxBackend();
  registered = true;
}
