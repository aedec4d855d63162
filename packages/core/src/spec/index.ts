export {
  BOOTSTRAP_FORMS,
  type BootstrapSpec,
  formatBootstrap,
  parseBootstrap,
  validateBootstrap,
} from "./bootstrap.js";
export {
  MAX_BATCH_SIZE,
  MAX_CLASSES,
  MAX_EPOCHS,
  MAX_HIDDEN_LAYERS,
  MAX_JSON_DEPTH,
  MAX_LAYER_WIDTH,
  MAX_MEMBERS,
  MAX_SEED,
  MIN_CLASSES,
} from "./caps.js";
export { NETWORK_FIELDS, OPTIMIZER_FIELDS, PRIOR_CLI_FLAGS, SPEC_FIELDS } from "./fields.js";
export {
  ACTIVATION_NAMES,
  type ActivationName,
  HEAD_NAMES,
  type HeadName,
  INITIALIZER_NAMES,
  INPUT_TRANSFORM_NAMES,
  type InitializerName,
  type InputTransformName,
  OPTIMIZER_KINDS,
  type OptimizerKind,
  STANDARDIZE_MODES,
  type StandardizeMode,
} from "./names.js";
export { resolveEnsembleSpec, specFieldAt } from "./resolve.js";
export { describeRange, describeRule, type FieldRule, inRange, type SpecField } from "./rules.js";
export { ensembleSpecSchema } from "./schema.js";
export type { AdamSpec, EnsembleSpec, EnsembleSpecInput, NetworkSpec, OptimizerSpec, SgdSpec } from "./types.js";
