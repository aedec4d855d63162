/**
 * The names a spec's choice fields accept. Kept here, below nn/ and ensemble/, so the spec schema
 * depends on nothing but these lists; nn/ implements what they name.
 */

/** Every activation a network may use, as specs and model files name them. */
export const ACTIVATION_NAMES = ["elu", "relu", "tanh", "gelu", "identity"] as const;
/** One of ACTIVATION_NAMES. */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** Kernel initialisers, as flax.linen.initializers names them. */
export const INITIALIZER_NAMES = ["glorot_normal", "glorot_uniform", "he_normal", "lecun_normal", "zeros"] as const;
/** One of INITIALIZER_NAMES. */
export type InitializerName = (typeof INITIALIZER_NAMES)[number];

/**
 * What each member outputs and the loss it trains with (docs/heads.md). "mse": one value per
 * output, squared error. "gaussian": a mean and a variance per output (variance = softplus(raw) +
 * varianceFloor), Gaussian negative log-likelihood. "categorical": outputSize = K logits (2 ≤ K ≤
 * MAX_CLASSES), cross-entropy against one-hot targets.
 */
export const HEAD_NAMES = ["mse", "gaussian", "categorical"] as const;
/** One of HEAD_NAMES. */
export type HeadName = (typeof HEAD_NAMES)[number];

/** Which sides of the data are standardised before training (stored with the model). */
export const STANDARDIZE_MODES = ["none", "x", "xy"] as const;
/** One of STANDARDIZE_MODES. */
export type StandardizeMode = (typeof STANDARDIZE_MODES)[number];

/**
 * Transforms of the input columns fitted on the training data before standardising (stored with
 * the model): "yeo-johnson" fits one power λ per column (data/yeo-johnson.ts); "none" keeps them.
 */
export const INPUT_TRANSFORM_NAMES = ["none", "yeo-johnson"] as const;
/** One of INPUT_TRANSFORM_NAMES. */
export type InputTransformName = (typeof INPUT_TRANSFORM_NAMES)[number];

/** The optimisers a spec may name, as optax names them. */
export const OPTIMIZER_KINDS = ["adam", "sgd"] as const;
/** One of OPTIMIZER_KINDS. */
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];
