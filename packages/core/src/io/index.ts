export { canonicalJson } from "./canonical-json.js";
export type { ModelData, TrainingReport } from "./model-data.js";
export { decodeModel, encodeModel, MAX_MODEL_FILE_BYTES, MODEL_FORMAT, MODEL_FORMAT_VERSION } from "./model-file.js";
