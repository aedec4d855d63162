export {
  ACTIVATION_NAMES,
  type Activation,
  type ActivationName,
  GELU_TANH,
  getActivation,
  isActivationName,
} from "./activations.js";
export { INITIALIZER_NAMES, type InitializerName, initializeKernel, isInitializerName } from "./initializers.js";
export {
  type DenseLayer,
  initMlpParams,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_WIDTH,
  type MlpLayout,
  type MlpSpec,
  mlpLayout,
  type ParamEntry,
  validateMlpSpec,
} from "./mlp.js";
