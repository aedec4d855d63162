export {
  BOOTSTRAP_FORMS,
  type BootstrapSpec,
  formatBootstrap,
  parseBootstrap,
  validateBootstrap,
} from "./bootstrap-spec.js";
export { bootstrapWeights, minibatchOrder } from "./bootstrap-weights.js";
export {
  assertSameData,
  type DataFingerprint,
  fingerprintData,
  type TrainingCheckpoint,
} from "./checkpoint.js";
export {
  type CheckpointOptions,
  Ensemble,
  type EnsembleOptions,
  type FitHistory,
  type FitOptions,
} from "./ensemble.js";
export { KEY_PURPOSE, type KeyPurpose, memberKey } from "./keys.js";
export { type EnsembleParams, initEnsembleParams, paramCounts, validateEnsembleParams } from "./params.js";
export {
  ADAM_DEFAULTS,
  type AdamSpec,
  DEFAULT_VARIANCE_FLOOR,
  type EnsembleSpec,
  type EnsembleSpecInput,
  HEAD_NAMES,
  type HeadName,
  headWidth,
  MAX_EPOCHS,
  MAX_MEMBERS,
  type NetworkSpec,
  NOTEBOOK_NETWORK,
  type OptimizerSpec,
  priorMlp,
  resolveEnsembleSpec,
  type SgdSpec,
  STANDARDIZE_MODES,
  type StandardizeMode,
  trainableMlp,
} from "./spec.js";
