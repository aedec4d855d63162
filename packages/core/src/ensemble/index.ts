// The spec's own names (types, defaults, resolution, bootstrap forms) are exported from spec/.
export { ADAM_DEFAULTS, DEFAULT_VARIANCE_FLOOR, NOTEBOOK_NETWORK } from "../nn/ensemble-spec.js";
export {
  type CheckpointOptions,
  Ensemble,
  type EnsembleOptions,
  type FitHistory,
  type FitOptions,
  type MemberPrediction,
  type UpdateOptions,
} from "./ensemble.js";
export { DEFAULT_CHUNK_ROWS, type StreamFitOptions } from "./stream-options.js";
