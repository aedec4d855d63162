import { registerMatrixBackend } from "@rpf/backend-matrix";
import { registerOnnxBackend } from "@rpf/backend-onnx";
import { registerTfjsBackend } from "@rpf/backend-tfjs";
import { registerOrtLoader } from "./ort-loader.js";
import { registerTfjsLoaders } from "./tfjs-loaders.js";

/** Every backend the playground offers, with loaders that point at bundled files. */
export function registerBackends(): void {
  registerTfjsLoaders();
  registerOrtLoader();
  registerMatrixBackend();
  registerTfjsBackend();
  registerOnnxBackend();
}
