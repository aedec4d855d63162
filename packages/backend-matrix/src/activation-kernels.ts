import type { ActivationName } from "@rpf/core";
import { GELU_TANH } from "@rpf/core/backend";
import type { Numbers } from "./precision.js";

/**
 * Activations applied over whole buffers, with the switch outside the loop so each loop stays
 * monomorphic and allocation-free. `z` holds pre-activations; `a` receives activations.
 */
export function activateInPlace(name: ActivationName, z: Numbers, a: Numbers, length: number): void {
  switch (name) {
    case "elu":
      for (let i = 0; i < length; i++) {
        const v = z[i]!;
        a[i] = v > 0 ? v : Math.expm1(v);
      }
      return;
    case "relu":
      for (let i = 0; i < length; i++) a[i] = Math.max(z[i]!, 0);
      return;
    case "tanh":
      for (let i = 0; i < length; i++) a[i] = Math.tanh(z[i]!);
      return;
    case "gelu":
      for (let i = 0; i < length; i++) {
        const v = z[i]!;
        a[i] = 0.5 * v * (1 + Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v)));
      }
      return;
    case "identity":
      for (let i = 0; i < length; i++) a[i] = z[i]!;
      return;
  }
}

const { scale: GELU_SCALE, cubic: GELU_CUBIC } = GELU_TANH;

/** Multiplies `grad` (dL/da) in place by da/dz, reusing the stored activations where possible. */
export function multiplyByDerivative(
  name: ActivationName,
  z: Numbers,
  a: Numbers,
  grad: Numbers,
  length: number,
): void {
  switch (name) {
    case "elu":
      for (let i = 0; i < length; i++) if (z[i]! <= 0) grad[i]! *= a[i]! + 1;
      return;
    case "relu":
      for (let i = 0; i < length; i++) if (z[i]! <= 0) grad[i] = 0;
      return;
    case "tanh":
      for (let i = 0; i < length; i++) grad[i]! *= 1 - a[i]! * a[i]!;
      return;
    case "gelu":
      for (let i = 0; i < length; i++) {
        const v = z[i]!;
        const t = Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
        grad[i]! *= 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * GELU_SCALE * (1 + 3 * GELU_CUBIC * v * v);
      }
      return;
    case "identity":
      return;
  }
}
