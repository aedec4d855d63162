import type { OptimizerSpec } from "@rpf/core";
import { allocate, type Numbers, type Precision } from "./precision.js";

/** Optimiser state for one member's parameters. */
export interface OptimizerState {
  step: number;
  readonly first: Numbers;
  readonly second: Numbers;
}

export function createOptimizerState(size: number, precision: Precision): OptimizerState {
  return { step: 0, first: allocate(precision, size), second: allocate(precision, size) };
}

/**
 * One update in place. Adam follows optax.adam: bias-corrected moments with the step count
 * incremented first, eps added outside the square root. SGD follows optax.sgd: a momentum trace
 * t = g + μ·t, then θ -= lr·t. A weight decay λ > 0 is decoupled, as optax.add_decayed_weights
 * chained just before the learning rate (optax.adamw for Adam): θ -= lr·(direction + λ·θ), on
 * every trainable parameter. λ = 0 takes the plain formulas, so results without decay keep their bits.
 */
export function applyUpdate(
  spec: OptimizerSpec,
  params: Numbers,
  grads: Numbers,
  state: OptimizerState,
  weightDecay = 0,
): void {
  if (spec.clipNorm !== null) clipByGlobalNorm(grads, spec.clipNorm);
  state.step += 1;
  const lr = spec.learningRate;
  const size = params.length;
  if (spec.kind === "adam") {
    const { b1, b2, eps } = spec;
    const firstCorrection = 1 - b1 ** state.step;
    const secondCorrection = 1 - b2 ** state.step;
    const { first, second } = state;
    for (let i = 0; i < size; i++) {
      const g = grads[i]!;
      const m = b1 * first[i]! + (1 - b1) * g;
      const v = b2 * second[i]! + (1 - b2) * g * g;
      first[i] = m;
      second[i] = v;
      if (weightDecay === 0) params[i]! -= (lr * (m / firstCorrection)) / (Math.sqrt(v / secondCorrection) + eps);
      else
        params[i]! -= lr * (m / firstCorrection / (Math.sqrt(v / secondCorrection) + eps) + weightDecay * params[i]!);
    }
    return;
  }
  const trace = state.first;
  for (let i = 0; i < size; i++) {
    const t = grads[i]! + spec.momentum * trace[i]!;
    trace[i] = t;
    if (weightDecay === 0) params[i]! -= lr * t;
    else params[i]! -= lr * (t + weightDecay * params[i]!);
  }
}

/** optax.clip_by_global_norm: g ← g / ‖g‖ · max unless ‖g‖ < max (a non-finite norm passes through to the divergence check). */
function clipByGlobalNorm(grads: Numbers, max: number): void {
  let squares = 0;
  for (let i = 0; i < grads.length; i++) squares += grads[i]! * grads[i]!;
  const norm = Math.sqrt(squares);
  if (norm < max) return;
  for (let i = 0; i < grads.length; i++) grads[i] = (grads[i]! / norm) * max;
}
