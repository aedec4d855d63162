export {
  ADAM_DEFAULTS,
  type AdamSpec,
  DEFAULT_VARIANCE_FLOOR,
  type EnsembleSpec,
  type EnsembleSpecInput,
  HEAD_NAMES,
  type HeadName,
  MAX_EPOCHS,
  MAX_MEMBERS,
  type NetworkSpec,
  NOTEBOOK_NETWORK,
  type OptimizerSpec,
  resolveEnsembleSpec,
  type SgdSpec,
  STANDARDIZE_MODES,
  type StandardizeMode,
} from "../nn/ensemble-spec.js";
export {
  BOOTSTRAP_FORMS,
  type BootstrapSpec,
  formatBootstrap,
  parseBootstrap,
  validateBootstrap,
} from "../spec/bootstrap.js";
export {
  type CheckpointOptions,
  Ensemble,
  type EnsembleOptions,
  type FitHistory,
  type FitOptions,
} from "./ensemble.js";
