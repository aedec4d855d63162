export {
  BACKEND_CONTRACT_VERSION,
  type Backend,
  type BackendCapabilities,
  type DeviceInfo,
  type EnsembleHandle,
  type EnsembleInit,
  type FitProgress,
  type FitRequest,
  type FitResult,
  type RawPrediction,
} from "./contract.js";
export { type BackendRequest, DEVICE_NAMES, type DeviceName, isDeviceName, parseBackendRequest } from "./devices.js";
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
export {
  allocateRawPrediction,
  checkFinite,
  validateFitRequest,
  validatePredictInput,
  yieldToEventLoop,
} from "./validate.js";
