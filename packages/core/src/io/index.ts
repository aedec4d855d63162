export { canonicalJson } from "./canonical-json.js";
export { assertSameData, type DataFingerprint, fingerprintData, type TrainingCheckpoint } from "./checkpoint.js";
export {
  CHECKPOINT_FORMAT,
  CHECKPOINT_FORMAT_VERSION,
  decodeCheckpoint,
  encodeCheckpoint,
} from "./checkpoint-file.js";
export type { ModelData, TrainingReport } from "./model-data.js";
export { decodeModel, encodeModel, MAX_MODEL_FILE_BYTES, MODEL_FORMAT, MODEL_FORMAT_VERSION } from "./model-file.js";
export { modelFileJsonSchema, modelFileSchema } from "./model-file-schema.js";
export {
  type ModelCodec,
  type ModelFileFormat,
  type ModelWriteOptions,
  readModel,
  registerOnnxModelCodec,
  writeModel,
} from "./model-io.js";
export {
  MODEL_FILE_EXPECTED,
  type ModelFileKind,
  type SniffedFile,
  sniffModelFile,
} from "./sniff-model-file.js";
