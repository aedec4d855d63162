/**
 * `@rpf/core`: deep ensembles with randomized prior functions for users: the Ensemble, its spec,
 * data and CSV helpers, prediction summaries and metrics, model and checkpoint files, and errors.
 * Backend authors import the contract and its helpers from `@rpf/core/backend`; the PRNG (keys,
 * Threefry, distributions) is `@rpf/core/random`; the conformance suite is `@rpf/core/testing`.
 */
export type { Backend, BackendCapabilities, DeviceInfo } from "./backend/contract.js";
export {
  type BackendRequest,
  DEVICE_NAMES,
  type DeviceName,
  isDeviceName,
  parseBackendRequest,
} from "./backend/devices.js";
export type { FitProgress } from "./backend/fit-request.js";
export { type ResolvedBackend, registeredBackends, resolveBackend } from "./backend/registry.js";
export * from "./calibration/index.js";
export * from "./data/index.js";
export * from "./ensemble/index.js";
export * from "./error-serialization.js";
export * from "./errors.js";
export * from "./evaluate/index.js";
export * from "./float32/index.js";
export * from "./io/index.js";
export * from "./jobs/index.js";
export type { EnsembleParams } from "./members/params.js";
export {
  ACTIVATION_NAMES,
  type ActivationName,
  INITIALIZER_NAMES,
  type InitializerName,
  isActivationName,
  isInitializerName,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_WIDTH,
} from "./nn/index.js";
export { checkFiniteAtLeastZero } from "./option-checks.js";
export * from "./predict/index.js";
export * from "./presets/index.js";
export * from "./spec/index.js";
export * from "./tuning/index.js";
export * from "./validation/index.js";
