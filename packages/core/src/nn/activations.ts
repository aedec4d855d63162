import { ACTIVATION_NAMES, type ActivationName } from "../spec/names.js";

export { ACTIVATION_NAMES, type ActivationName };

/**
 * An activation as a scalar function and its derivative. The derivative receives both the
 * pre-activation `z` and the activation `a = forward(z)`, so ELU and tanh reuse `a` instead of
 * recomputing an exponential in the backward pass.
 */
export interface Activation {
  readonly name: ActivationName;
  forward(z: number): number;
  derivative(z: number, a: number): number;
}

/**
 * The two constants of GELU's tanh approximation, gelu(z) ≈ ½·z·(1 + tanh(scale·(z + cubic·z³))):
 * scale = √(2/π) and cubic = 0.044715 (Hendrycks & Gimpel 2016, §2; JAX's `nn.gelu` with
 * approximate=True). Every backend's GELU reads them from here so that they compute one function.
 */
export const GELU_TANH = { scale: Math.sqrt(2 / Math.PI), cubic: 0.044715 } as const;

const { scale: GELU_SCALE, cubic: GELU_CUBIC } = GELU_TANH;

/** ELU with alpha = 1 (flax's `nn.elu` default): exp(z) - 1 below zero. */
const elu: Activation = {
  name: "elu",
  forward: (z) => (z > 0 ? z : Math.expm1(z)),
  derivative: (z, a) => (z > 0 ? 1 : a + 1),
};

const relu: Activation = {
  name: "relu",
  forward: (z) => Math.max(z, 0),
  derivative: (z) => (z > 0 ? 1 : 0),
};

const tanh: Activation = {
  name: "tanh",
  forward: (z) => Math.tanh(z),
  derivative: (_z, a) => 1 - a * a,
};

/** GELU in its tanh approximation, JAX's `nn.gelu` default (approximate=True). */
const gelu: Activation = {
  name: "gelu",
  forward: (z) => 0.5 * z * (1 + Math.tanh(GELU_SCALE * (z + GELU_CUBIC * z * z * z))),
  derivative: (z) => {
    const inner = GELU_SCALE * (z + GELU_CUBIC * z * z * z);
    const t = Math.tanh(inner);
    const innerSlope = GELU_SCALE * (1 + 3 * GELU_CUBIC * z * z);
    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * innerSlope;
  },
};

const identity: Activation = {
  name: "identity",
  forward: (z) => z,
  derivative: () => 1,
};

const ACTIVATIONS: Record<ActivationName, Activation> = { elu, relu, tanh, gelu, identity };

/**
 * The activation named `name`: ELU (α = 1), ReLU, tanh, GELU (tanh approximation, as JAX's nn.gelu) or the identity.
 */
export function getActivation(name: ActivationName): Activation {
  return ACTIVATIONS[name];
}

/** Whether `value` is one of ACTIVATION_NAMES. */
export function isActivationName(value: unknown): value is ActivationName {
  return typeof value === "string" && (ACTIVATION_NAMES as readonly string[]).includes(value);
}
