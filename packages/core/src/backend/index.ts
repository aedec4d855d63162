/**
 * `@rpf/core/backend`: what a backend author needs and a user does not: the backend contract and
 * the session that enforces it, registration, fit requests, each member's parameters, keys,
 * bootstrap weights and training state, input checks, time slicing, the MLP layout the
 * parameters follow, and the model-file field readers an importer shares with rpf's own reader.
 * Types a user also sees (the spec, Dataset, DeviceName, errors) come from `@rpf/core`.
 */

export { GrowingArray } from "../growing-array.js";
export { assertClasses, decodeClasses } from "../io/classes-field.js";
export { assertInputTransformSince } from "../io/file-checks.js";
export { assertInputTransform } from "../io/input-transform-field.js";
export { decodeColumns, decodeStandardizer, decodeTrainingReport } from "../io/model-fields.js";
export * from "../members/index.js";
export { headWidth, inMeanWarmup, priorMlp, trainableMlp } from "../nn/ensemble-spec.js";
export {
  type Activation,
  type DenseLayer,
  GELU_TANH,
  getActivation,
  initializeKernel,
  initMlpParams,
  type MlpLayout,
  type MlpSpec,
  mlpLayout,
  type ParamEntry,
  validateMlpSpec,
} from "../nn/index.js";
export {
  BACKEND_CONTRACT_VERSION,
  type EnsembleHandle,
  type EnsembleInit,
  type RawPrediction,
} from "./contract.js";
export {
  createDeviceTable,
  type DeviceEntry,
  type DeviceTable,
  type DeviceTableOptions,
  type StartedDevice,
} from "./device-table.js";
export { currentEnvironment, type Environment, isNode } from "./environment.js";
export type { FitPause, FitRequest, FitResult, FitStopCheck } from "./fit-request.js";
export { HandleSession } from "./handle-session.js";
export { type RegisterOptions, registerBackend, unregisterBackend, unsupportedHeadReason } from "./registry.js";
export { fitStreamOnHandle, type StreamFitRequest } from "./stream-fit.js";
export { SLICE_MS, TimeSlicer, yieldToEventLoop } from "./time-slicing.js";
export { allocateRawPrediction, validatePredictInput } from "./validate.js";
