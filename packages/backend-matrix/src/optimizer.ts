import type { OptimizerSpec } from "@rpf/core";

/** Optimiser state for one member's parameters, in float64. */
export interface OptimizerState {
  step: number;
  readonly first: Float64Array;
  readonly second: Float64Array;
}

export function createOptimizerState(size: number): OptimizerState {
  return { step: 0, first: new Float64Array(size), second: new Float64Array(size) };
}

/**
 * One update in place. Adam follows optax.adam: bias-corrected moments with the step count
 * incremented first, eps added outside the square root. SGD follows optax.sgd: a momentum trace
 * t = g + μ·t, then θ -= lr·t.
 */
export function applyUpdate(
  spec: OptimizerSpec,
  params: Float64Array,
  grads: Float64Array,
  state: OptimizerState,
): void {
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
      params[i]! -= (lr * (m / firstCorrection)) / (Math.sqrt(v / secondCorrection) + eps);
    }
    return;
  }
  const trace = state.first;
  for (let i = 0; i < size; i++) {
    const t = grads[i]! + spec.momentum * trace[i]!;
    trace[i] = t;
    params[i]! -= lr * t;
  }
}
