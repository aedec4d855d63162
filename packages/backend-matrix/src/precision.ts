/**
 * Where values are stored between operations. "float64" is the reference; "float32" rounds every
 * stored value (weights, activations, gradients, optimiser moments) to float32, as a float32
 * device does, while each operation still computes in double. It exists to measure how much of a
 * float32 backend's long-run drift from the reference is float32 rounding alone.
 */
export type Precision = "float64" | "float32";
export type Numbers = Float64Array | Float32Array;

export function allocate(precision: Precision, length: number): Numbers {
  return precision === "float32" ? new Float32Array(length) : new Float64Array(length);
}

export function copyOf(precision: Precision, values: ArrayLike<number>): Numbers {
  return precision === "float32" ? Float32Array.from(values) : Float64Array.from(values);
}
