import { InvalidArgumentError } from "../errors.js";
import { type RandomKey, truncatedNormal, uniform } from "../random/index.js";
import { INITIALIZER_NAMES, type InitializerName } from "../spec/names.js";

export { INITIALIZER_NAMES, type InitializerName };

/**
 * The standard deviation of a standard normal truncated to [-2, 2]; JAX divides by it so that the
 * truncated draw has exactly the requested variance.
 */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

type FanMode = "fan_in" | "fan_avg";

interface VarianceScaling {
  scale: number;
  mode: FanMode;
  distribution: "truncated_normal" | "uniform";
}

const VARIANCE_SCALING: Record<Exclude<InitializerName, "zeros">, VarianceScaling> = {
  glorot_normal: { scale: 1, mode: "fan_avg", distribution: "truncated_normal" },
  glorot_uniform: { scale: 1, mode: "fan_avg", distribution: "uniform" },
  he_normal: { scale: 2, mode: "fan_in", distribution: "truncated_normal" },
  lecun_normal: { scale: 1, mode: "fan_in", distribution: "truncated_normal" },
};

/**
 * Draws a [fanIn, fanOut] kernel (row-major) as JAX's `variance_scaling` does: the variance is
 * scale / fan, where fan is fan_in or (fan_in + fan_out) / 2.
 * @throws {InvalidArgumentError} when fanIn × fanOut is not a non-negative safe integer.
 */
export function initializeKernel(name: InitializerName, key: RandomKey, fanIn: number, fanOut: number): Float32Array {
  const count = fanIn * fanOut;
  if (name === "zeros") return new Float32Array(count);
  const { scale, mode, distribution } = VARIANCE_SCALING[name];
  const fan = mode === "fan_in" ? fanIn : (fanIn + fanOut) / 2;
  const variance = Math.fround(scale / fan);
  if (distribution === "uniform") {
    const limit = Math.fround(Math.sqrt(3 * variance));
    return uniform(key, count, -limit, limit);
  }
  const stddev = Math.fround(Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV);
  const samples = truncatedNormal(key, count, -2, 2);
  for (let i = 0; i < count; i++) samples[i] = Math.fround(samples[i]! * stddev);
  return samples;
}

/** Whether `value` is one of INITIALIZER_NAMES. */
export function isInitializerName(value: unknown): value is InitializerName {
  return typeof value === "string" && (INITIALIZER_NAMES as readonly string[]).includes(value);
}

export function assertInitializerName(value: unknown, field: string): InitializerName {
  if (!isInitializerName(value)) {
    throw new InvalidArgumentError(
      `unknown initializer ${JSON.stringify(value)} for ${field}; accepted: ${INITIALIZER_NAMES.join(", ")}`,
      { field, accepted: INITIALIZER_NAMES.join(", ") },
    );
  }
  return value;
}
