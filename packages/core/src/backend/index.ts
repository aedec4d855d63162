export {
  BACKEND_CONTRACT_VERSION,
  type Backend,
  type BackendCapabilities,
  type DeviceInfo,
  type EnsembleHandle,
  type EnsembleInit,
  type RawPrediction,
} from "./contract.js";
export { type BackendRequest, DEVICE_NAMES, type DeviceName, isDeviceName, parseBackendRequest } from "./devices.js";
export type { FitPause, FitProgress, FitRequest, FitResult, FitStopCheck } from "./fit-request.js";
export { HandleSession } from "./handle-session.js";
export {
  type RegisterOptions,
  type ResolvedBackend,
  registerBackend,
  registeredBackends,
  resolveBackend,
  unregisterBackend,
  unsupportedHeadReason,
} from "./registry.js";
export {
  joinTrainingStates,
  optimizerSlotCount,
  sliceTrainingState,
  type TrainingState,
  validateTrainingState,
} from "./training-state.js";
export { allocateRawPrediction, validatePredictInput } from "./validate.js";
