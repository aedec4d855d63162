import { keyFromSeed, uniform53 } from "@rpf/core/random";
import { describe, expect, it } from "vitest";
import { instantiateKernel } from "./kernel-loader.js";

/*
 * The kernel's log (assembly/gaussian.ts, used by the Gaussian head) transcribes fdlibm's e_log.c,
 * which V8's Math.log is: on such an engine the two agree bit for bit; elsewhere, to an ulp or so.
 */

function logOnKernel(inputs: Float64Array): Float64Array {
  const kernel = instantiateKernel();
  const src = Math.ceil(kernel.heapBase() / 16) * 16;
  const dst = src + inputs.length * 8;
  const needed = dst + inputs.length * 8 - kernel.memory.buffer.byteLength;
  if (needed > 0) kernel.memory.grow(Math.ceil(needed / 65536));
  new Float64Array(kernel.memory.buffer, src, inputs.length).set(inputs);
  kernel.logArray(src, dst, inputs.length);
  return new Float64Array(kernel.memory.buffer, dst, inputs.length).slice();
}

const uniform = (seed: number, count: number) => Array.from(uniform53(keyFromSeed(seed), count));

const INPUTS = Float64Array.from([
  ...uniform(1, 20_000).map((u) => 4 * u),
  ...uniform(2, 20_000).map((u) => Math.exp(1400 * (u - 0.5))),
  ...uniform(3, 5_000).map((u) => 1 + (u - 0.5) * 1e-5),
  ...[1, 2, 0.5, Math.SQRT2, Math.SQRT1_2, Number.MAX_VALUE, 5e-324, 1e-310, 2.2250738585072014e-308],
]);

const SPECIAL = [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);
const LG = [
  6.666666666666735e-1, 3.999999999940942e-1, 2.857142874366239e-1, 2.2222198432149784e-1, 1.818357216161805e-1,
  1.5313837699209373e-1, 1.4798198605116586e-1,
] as const;

/** fdlibm's e_log.c in scalar JavaScript (little-endian word order), independent of the engine's Math. */
function fdlibmLog(input: number): number {
  if (!(input > 0)) return input === 0 ? Number.NEGATIVE_INFINITY : Number.NaN;
  if (input === Number.POSITIVE_INFINITY) return input;
  const [lnHi, lnLo] = [0.6931471803691238, 1.9082149292705877e-10];
  let k = 0;
  word[0] = input;
  if (halves[1]! < 0x00100000) {
    word[0] = input * 2 ** 54;
    k -= 54;
  }
  let hx = halves[1]!;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  halves[1] = hx | (i0 ^ 0x3ff00000);
  k += i0 >> 20;
  const f = word[0]! - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : k * lnHi + k * lnLo;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * lnHi - (r - k * lnLo - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const r = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6]))) + w * (LG[1] + w * (LG[3] + w * LG[5]));
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * lnHi - (hfsq - (s * (hfsq + r) + k * lnLo) - f);
  }
  return k === 0 ? f - s * (f - r) : k * lnHi - (s * (f - r) - k * lnLo - f);
}

const ENGINE_LOG_IS_FDLIBM = INPUTS.every((x) => Object.is(Math.log(x), fdlibmLog(x)));

describe("the kernel's log", () => {
  it("is within 2 ulp of this engine's Math.log on wide samples", () => {
    const actual = logOnKernel(INPUTS);
    INPUTS.forEach((x, i) => {
      const expected = Math.log(x);
      expect(Math.abs(actual[i]! - expected)).toBeLessThanOrEqual(4.5e-16 * Math.max(Math.abs(expected), 1e-300));
    });
  });

  it("gives −∞ for zeros, NaN for negatives and NaN, and +∞ for +∞, as Math.log", () => {
    const actual = logOnKernel(Float64Array.from(SPECIAL));
    SPECIAL.forEach((x, i) => {
      expect(Object.is(actual[i], Math.log(x))).toBe(true);
    });
  });

  it("is bit-identical to fdlibm's log on every engine", () => {
    const actual = logOnKernel(INPUTS);
    expect(Array.from(INPUTS).filter((x, i) => !Object.is(actual[i], fdlibmLog(x)))).toEqual([]);
  });

  it.runIf(ENGINE_LOG_IS_FDLIBM)("is bit-identical to this engine's Math.log, which is fdlibm's", () => {
    const actual = logOnKernel(INPUTS);
    expect(Array.from(INPUTS).filter((x, i) => !Object.is(actual[i], Math.log(x)))).toEqual([]);
  });
});
