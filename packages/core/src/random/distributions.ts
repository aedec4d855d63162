import erf from "@stdlib/math-base-special-erf";
import erfinv from "@stdlib/math-base-special-erfinv";
import { InvalidArgumentError } from "../errors.js";
import { float32FromBits, nextAfterFloat32 } from "./float32.js";
import { type RandomKey, randomBits } from "./key.js";

const SQRT2 = Math.SQRT2;
const FLOAT32_ONE_BITS = 0x3f800000;
const TWO_POW_32 = 2 ** 32;
const TWO_POW_53 = 2 ** 53;

function assertCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new InvalidArgumentError(`sample count must be a non-negative integer, got ${count}`);
  }
}

/**
 * JAX's float32 `uniform(key, shape, minval, maxval)`: 23 random mantissa bits give a float in
 * [1, 2), shifted to [0, 1), scaled in float32 and clamped below at `minval`.
 * @throws {InvalidArgumentError} when count is not a non-negative safe integer.
 */
export function uniform(key: RandomKey, count: number, minval = 0, maxval = 1): Float32Array {
  assertCount(count);
  const bits = randomBits(key, count);
  const lo = Math.fround(minval);
  const span = Math.fround(Math.fround(maxval) - lo);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const unit = Math.fround(float32FromBits((bits[i]! >>> 9) | FLOAT32_ONE_BITS) - 1);
    out[i] = Math.max(lo, Math.fround(Math.fround(unit * span) + lo));
  }
  return out;
}

/**
 * JAX's float32 `normal`: sqrt(2) · erfinv(u) with u uniform on (-1, 1).
 * @throws {InvalidArgumentError} when count is not a non-negative safe integer.
 */
export function normal(key: RandomKey, count: number): Float32Array {
  const u = uniform(key, count, nextAfterFloat32(-1, 0), 1);
  for (let i = 0; i < count; i++) u[i] = Math.fround(SQRT2 * erfinv(u[i]!));
  return u;
}

/**
 * JAX's float32 `truncated_normal(key, lower, upper)`: inverse-CDF sampling between the bounds,
 * then clamped strictly inside them so no sample lies on or beyond a bound.
 * @throws {InvalidArgumentError} unless lower < upper, or when count is not a non-negative safe integer.
 */
export function truncatedNormal(key: RandomKey, count: number, lower = -2, upper = 2): Float32Array {
  if (!(lower < upper)) {
    throw new InvalidArgumentError(`truncatedNormal needs lower < upper, got [${lower}, ${upper}]`);
  }
  const a = Math.fround(erf(Math.fround(lower / SQRT2)));
  const b = Math.fround(erf(Math.fround(upper / SQRT2)));
  const u = uniform(key, count, a, b);
  const low = nextAfterFloat32(lower, Number.POSITIVE_INFINITY);
  const high = nextAfterFloat32(upper, Number.NEGATIVE_INFINITY);
  for (let i = 0; i < count; i++) {
    const sample = Math.fround(SQRT2 * erfinv(u[i]!));
    u[i] = Math.min(high, Math.max(low, sample));
  }
  return u;
}

/**
 * Uniform doubles in [0, 1) with 53 random bits each (two Threefry words per value). Used where a
 * float32's 23 bits would bias a discrete draw: integer ranges, Poisson and permutation draws.
 * @throws {InvalidArgumentError} when count is not a non-negative safe integer.
 */
export function uniform53(key: RandomKey, count: number): Float64Array {
  assertCount(count);
  const bits = randomBits(key, 2 * count);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = ((bits[2 * i]! >>> 11) * TWO_POW_32 + bits[2 * i + 1]!) / TWO_POW_53;
  }
  return out;
}

/**
 * Integers uniform on [0, maxExclusive); the bias is below maxExclusive / 2^53.
 * @throws {InvalidArgumentError} unless maxExclusive is an integer in [1, 2^32], or when count is not a non-negative safe integer.
 */
export function randomIntegers(key: RandomKey, count: number, maxExclusive: number): Uint32Array {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
    throw new InvalidArgumentError(`randomIntegers needs 1 <= maxExclusive <= 2^32, got ${maxExclusive}`);
  }
  const u = uniform53(key, count);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = Math.floor(u[i]! * maxExclusive);
  return out;
}

/**
 * Poisson(rate) counts by inversion, one 53-bit uniform per draw (rates here are small).
 * @throws {InvalidArgumentError} unless rate is in (0, 64], or when count is not a non-negative safe integer.
 */
export function poisson(key: RandomKey, count: number, rate = 1): Uint32Array {
  if (!(rate > 0 && rate <= 64)) {
    throw new InvalidArgumentError(`poisson rate must be in (0, 64], got ${rate}`);
  }
  const u = uniform53(key, count);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let k = 0;
    let pmf = Math.exp(-rate);
    let cdf = pmf;
    while (u[i]! >= cdf && pmf > 0) {
      k += 1;
      pmf *= rate / k;
      cdf += pmf;
    }
    out[i] = k;
  }
  return out;
}

/**
 * Exponential(1) draws, -log(1 - u).
 * @throws {InvalidArgumentError} when count is not a non-negative safe integer.
 */
export function exponential(key: RandomKey, count: number): Float64Array {
  const u = uniform53(key, count);
  for (let i = 0; i < count; i++) u[i] = -Math.log1p(-u[i]!);
  return u;
}

/**
 * A uniformly random permutation of 0..n-1 (Fisher–Yates).
 * @throws {InvalidArgumentError} when n is not a safe integer.
 */
export function permutation(key: RandomKey, n: number): Uint32Array {
  const u = uniform53(key, Math.max(0, n - 1));
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u[n - 1 - i]! * (i + 1));
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
