import type { ModelCodec } from "@rpf/core";
import { exportOnnx } from "./export/export-onnx.js";
import { importOnnx } from "./import/import-onnx.js";

/**
 * rpf's ONNX model files for core's readModel and writeModel: pass it to registerOnnxModelCodec.
 * Reading is importOnnx (only files rpf exported, bit for bit); writing is exportOnnx.
 */
export const onnxModelCodec: ModelCodec = {
  read: importOnnx,
  write: (model, options) => exportOnnx(model, { components: options.components, summary: options.summary }),
};
