import { expm1NonPositive } from "./vector-math";

/**
 * The Gaussian head's per-output maths, operation for operation as src/gaussian-head.ts and the
 * Gaussian branch of src/member-trainer.ts compute it, so the kernel trains to the same bits:
 * the variance softplus(raw) + floor, its slope sigmoid(raw), and the NLL's loss and gradient.
 * exp comes from the kernel's fdlibm expm1 (as Math.expm1 in V8) and log from fdlibmLog below (as
 * Math.log in V8); nothing else transcendental is used.
 */

const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const TWO_TO_54: f64 = 18014398509481984.0;
const LG1: f64 = 0.6666666666666735;
const LG2: f64 = 0.3999999999940942;
const LG3: f64 = 0.2857142874366239;
const LG4: f64 = 0.22222198432149784;
const LG5: f64 = 0.1818357216161805;
const LG6: f64 = 0.15313837699209373;
const LG7: f64 = 0.14798198605116586;
export const TWO_PI: f64 = 6.283185307179586;

/**
 * log(x) as fdlibm's e_log.c: x = 2^k·(1 + f) with 1 + f in [√2/2, √2), then
 * log(1 + f) = f − s·(f − R) or f − (f²/2 − s·(f²/2 + R)) with s = f/(2 + f) and R fdlibm's
 * polynomial in s², and k·ln 2 added in two parts. Zero gives −∞, negatives and NaN give NaN.
 */
export function fdlibmLog(input: f64): f64 {
  if (!(input > 0.0)) return input === 0.0 ? -Infinity : NaN;
  if (input === Infinity) return input;
  let x = input;
  let k: i32 = 0;
  let hx = <i32>(reinterpret<u64>(x) >> 32);
  if (hx < 0x00100000) {
    x *= TWO_TO_54;
    k -= 54;
    hx = <i32>(reinterpret<u64>(x) >> 32);
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  const low = reinterpret<u64>(x) & 0xffffffff;
  x = reinterpret<f64>(((<u64>(hx | (i0 ^ 0x3ff00000))) << 32) | low);
  k += i0 >> 20;
  const f = x - 1.0;
  const dk = <f64>k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0.0) return k === 0 ? 0.0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** Set by varianceOfRaw: dv/draw = sigmoid(raw). */
export let slope: f64 = 0.0;

/** softplus(raw) + floor, leaving sigmoid(raw) in `slope` (src/gaussian-head.ts's varianceOfRaw). */
export function varianceOfRaw(raw: f64, floor: f64): f64 {
  // −|raw| ≤ 0: the non-positive expm1 (ELU's), which rounds as fdlibm's there, ±0 and NaN included.
  const e = f64x2.extract_lane(expm1NonPositive(f64x2.splat(-Math.abs(raw))), 0) + 1.0;
  const u = 1.0 + e;
  const log1pE = u === 1.0 ? e : fdlibmLog(u) * (e / (u - 1.0));
  slope = (raw > 0.0 ? 1.0 : e) / u;
  return (raw > 0.0 ? raw + log1pE : log1pE) + floor;
}
