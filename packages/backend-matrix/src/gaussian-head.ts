/**
 * The Gaussian head's per-output maths (docs/heads.md), shared by the TypeScript trainer and
 * predictor; assembly/gaussian.ts repeats every operation in the same order, so the wasm kernel
 * gets the same bits. Only Math.expm1 and Math.log are used: the kernel carries fdlibm's expm1
 * and log, which V8's Math uses, and no other transcendental function.
 */

export const TWO_PI = 2 * Math.PI;

/** The variance softplus(raw) + floor and dv/draw = sigmoid(raw) of one raw output. */
export interface VarianceOfRaw {
  variance: number;
  slope: number;
}

/**
 * softplus(a) = max(a, 0) + log1p(e) with e = exp(−|a|) = expm1(−|a|) + 1, and log1p(e) as
 * log(u)·e/(u − 1) with u = 1 + e (Goldberg's correction: full relative accuracy from log alone).
 * sigmoid(a) is 1/u for a > 0 and e/u otherwise. Writes into `out` to stay allocation-free.
 */
export function varianceOfRaw(raw: number, floor: number, out: VarianceOfRaw): VarianceOfRaw {
  const e = Math.expm1(-Math.abs(raw)) + 1;
  const u = 1 + e;
  const log1pE = u === 1 ? e : Math.log(u) * (e / (u - 1));
  out.variance = (raw > 0 ? raw + log1pE : log1pE) + floor;
  out.slope = (raw > 0 ? 1 : e) / u;
  return out;
}

/**
 * β-NLL's weight of one example's gradient (Seitzer et al. 2022): σ² to the power `exponent`
 * (spec.varianceWeighting in [0, 1]), held constant in the gradient (a stop-gradient). 0, ½ and 1
 * take exact operations (1, √σ², σ²), which the wasm kernel repeats bit for bit; any other
 * exponent uses Math.pow, which the kernel does not carry, so it trains such specs here.
 */
export function varianceWeight(variance: number, exponent: number): number {
  if (exponent === 0) return 1;
  if (exponent === 0.5) return Math.sqrt(variance);
  if (exponent === 1) return variance;
  return variance ** exponent;
}
