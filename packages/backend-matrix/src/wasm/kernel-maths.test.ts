import type { ActivationName } from "@rpf/core";
import { keyFromSeed, uniform53 } from "@rpf/core/random";
import { describe, expect, it } from "vitest";
import { activateInPlace } from "../activation-kernels.js";
import { ACTIVATION_CODES, type KernelExports } from "./kernel-abi.js";
import { instantiateKernel } from "./kernel-loader.js";

/*
 * The kernel computes expm1 and tanh with fdlibm's algorithms (as V8's Math did for years), so
 * it is checked bit for bit against a plain scalar transcription of fdlibm below, which does not
 * depend on the engine, and to within an ulp or so against this engine's Math, which is fdlibm's
 * in Node 20 but may be a more accurate one elsewhere.
 */

const words = new DataView(new ArrayBuffer(8));

function highWord(x: number): number {
  words.setFloat64(0, x);
  return words.getUint32(0);
}

function fromHighWord(high: number): number {
  words.setUint32(0, high);
  words.setUint32(4, 0);
  return words.getFloat64(0);
}

/** fdlibm's s_expm1.c, branch by branch, in scalar JavaScript. */
function fdlibmExpm1(x: number): number {
  const ln2Hi = 0.6931471803691238;
  const ln2Lo = 1.9082149292705877e-10;
  const [q1, q2, q3, q4, q5] = [
    -0.03333333333333313, 0.0015873015872548146, -0.0000793650757867488, 0.000004008217827329362,
    -2.0109921818362437e-7,
  ] as const;
  const high = highWord(x) & 0x7fffffff;
  const negative = highWord(x) >>> 31 === 1;
  if (high >= 0x4043687a) {
    if (high >= 0x7ff00000) return Number.isNaN(x) ? x : negative ? -1 : x;
    if (x > 709.782712893384) return Infinity;
    if (negative) return -1;
  }
  let k = 0;
  let r = x;
  let c = 0;
  if (high > 0x3fd62e42) {
    let hi: number;
    let lo: number;
    if (high < 0x3ff0a2b2) {
      k = negative ? -1 : 1;
      hi = negative ? x + ln2Hi : x - ln2Hi;
      lo = negative ? -ln2Lo : ln2Lo;
    } else {
      k = Math.trunc(Math.LOG2E * x + (negative ? -0.5 : 0.5));
      hi = x - k * ln2Hi;
      lo = k * ln2Lo;
    }
    r = hi - lo;
    c = hi - r - lo;
  } else if (high < 0x3c900000) {
    return x;
  }
  const halfR = 0.5 * r;
  const halfSquare = r * halfR;
  const r1 = 1 + halfSquare * (q1 + halfSquare * (q2 + halfSquare * (q3 + halfSquare * (q4 + halfSquare * q5))));
  const t = 3 - r1 * halfR;
  let e = halfSquare * ((r1 - t) / (6 - r * t));
  if (k === 0) return r - (r * e - halfSquare);
  e = r * (e - c) - c;
  e -= halfSquare;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) return r < -0.25 ? -2 * (e - (r + 0.5)) : 1 + 2 * (r - e);
  if (k <= -2 || k > 56) {
    const y = 1 - (e - r);
    return (k === 1024 ? y * 2 * 8.98846567431158e307 : y * fromHighWord(0x3ff00000 + (k << 20))) - 1;
  }
  const twoToK = fromHighWord(0x3ff00000 + (k << 20));
  if (k < 20) return (fromHighWord(0x3ff00000 - (0x200000 >> k)) - (e - r)) * twoToK;
  return (r - (e + fromHighWord((0x3ff - k) << 20)) + 1) * twoToK;
}

/** fdlibm's s_tanh.c in scalar JavaScript. */
function fdlibmTanh(x: number): number {
  const high = highWord(x) & 0x7fffffff;
  const negative = highWord(x) >>> 31 === 1;
  if (high >= 0x7ff00000) return negative ? 1 / x - 1 : 1 / x + 1;
  if (high < 0x3e300000) return x;
  let z = 1;
  if (high < 0x40360000) {
    const t = fdlibmExpm1((high >= 0x3ff00000 ? 2 : -2) * Math.abs(x));
    z = high >= 0x3ff00000 ? 1 - 2 / (t + 2) : -t / (t + 2);
  }
  return negative ? -z : z;
}

/** Runs one of the kernel's array entry points on `inputs`; buffers are padded to 16 bytes, as it requires. */
function runKernel(
  kernel: KernelExports,
  inputs: Float64Array,
  apply: (src: number, dst: number) => void,
): Float64Array {
  const paddedBytes = Math.ceil((inputs.length * 8) / 16) * 16;
  const src = Math.ceil(kernel.heapBase() / 16) * 16;
  const dst = src + paddedBytes;
  const needed = dst + paddedBytes - kernel.memory.buffer.byteLength;
  if (needed > 0) kernel.memory.grow(Math.ceil(needed / 65536));
  new Float64Array(kernel.memory.buffer, src, inputs.length).set(inputs);
  apply(src, dst);
  return new Float64Array(kernel.memory.buffer, dst, inputs.length).slice();
}

function expm1OnKernel(inputs: Float64Array): Float64Array {
  const kernel = instantiateKernel();
  return runKernel(kernel, inputs, (src, dst) => kernel.expm1Array(src, dst, inputs.length));
}

function activationOnKernel(name: ActivationName, inputs: Float64Array): Float64Array {
  const kernel = instantiateKernel();
  return runKernel(kernel, inputs, (src, dst) =>
    kernel.activateArray(ACTIVATION_CODES[name]!, src, dst, inputs.length),
  );
}

/** Uniform samples in [lo, hi), from the project's own generator so the test is reproducible. */
function samples(seed: number, count: number, lo: number, hi: number): number[] {
  return Array.from(uniform53(keyFromSeed(seed), count), (u) => lo + (hi - lo) * u);
}

/** x and the doubles just below and above it. */
function withNeighbours(x: number): number[] {
  if (x === 0) return [x];
  words.setFloat64(0, x);
  const bits = words.getBigUint64(0);
  const at = (b: bigint) => {
    words.setBigUint64(0, b);
    return words.getFloat64(0);
  };
  return [at(bits - 1n), x, at(bits + 1n)];
}

/** The bit pattern of x; NaNs compare equal whatever their payload, which JavaScript does not expose. */
function bits(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  words.setFloat64(0, x);
  return words.getBigUint64(0).toString(16);
}

/** The inputs whose results differ in bits from the expected ones, for a readable failure. */
function mismatches(inputs: Float64Array, actual: Float64Array, expected: Float64Array): string[] {
  const found: string[] = [];
  inputs.forEach((x, i) => {
    if (bits(actual[i]!) !== bits(expected[i]!)) found.push(`f(${x}) = ${actual[i]}, expected ${expected[i]}`);
  });
  return found;
}

function worstRelativeError(actual: Float64Array, expected: Float64Array): number {
  let worst = 0;
  expected.forEach((e, i) => {
    if (e !== 0 && Number.isFinite(e)) worst = Math.max(worst, Math.abs(actual[i]! - e) / Math.abs(e));
  });
  return worst;
}

/** Whether this engine's Math.expm1 and Math.tanh round as fdlibm's (V8 in Node 20 does). */
const PROBE = Float64Array.from(samples(10, 20_000, -40, 40));
const ENGINE_MATH_IS_FDLIBM =
  mismatches(PROBE, PROBE.map(Math.expm1), PROBE.map(fdlibmExpm1)).length === 0 &&
  mismatches(PROBE, PROBE.map(Math.tanh), PROBE.map(fdlibmTanh)).length === 0;

/*
 * Wide samples plus both sides of every threshold fdlibm tests (each becomes a lane select in the
 * kernel) and of the boundaries between its k branches.
 */
const EXPM1_INPUTS = Float64Array.from([
  ...[5e-324, 1e-300, 2.2e-308, 1e-20, 3e-17, 1e-10, 1e-7, 1e-5, 1e-3].flatMap((x) => [x, -x]),
  ...[
    0.3465735912322998,
    1.0397205352783203,
    5.551115123125783e-17,
    38.81622314453125,
    40,
    709.7822265625,
    709.782712893384,
    ...[1, 2, 19, 20, 21, 56, 57, 1023, 1024].map((k) => (k + 0.5) * Math.LN2),
  ]
    .flatMap((x) => [x, -x])
    .flatMap(withNeighbours),
  ...samples(1, 20_000, -1.1, 1.1),
  ...samples(2, 20_000, -40, 0),
  ...samples(3, 2_000, -745, -30),
  ...samples(4, 20_000, 0, 45),
  ...samples(5, 5_000, 45, 709.7),
  ...samples(6, 500, 709.4, 709.79),
  ...[0, -0, -60, -1e3, -Infinity, 709.8, 1e3, Infinity, Number.NaN],
]);

describe("the kernel's vector expm1", () => {
  it("is bit-identical to fdlibm's expm1 through every branch, tiny to huge arguments", () => {
    expect(mismatches(EXPM1_INPUTS, expm1OnKernel(EXPM1_INPUTS), EXPM1_INPUTS.map(fdlibmExpm1))).toEqual([]);
  });

  it("is within 1e-15 relative of this engine's Math.expm1, with its zeros, infinities and NaNs", () => {
    const actual = expm1OnKernel(EXPM1_INPUTS);
    const expected = EXPM1_INPUTS.map(Math.expm1);
    expect(worstRelativeError(actual, expected)).toBeLessThan(1e-15);
    const special = (_: number, i: number) => expected[i] === 0 || !Number.isFinite(expected[i]!);
    expect(mismatches(EXPM1_INPUTS.filter(special), actual.filter(special), expected.filter(special))).toEqual([]);
  });

  it.runIf(ENGINE_MATH_IS_FDLIBM)("is bit-identical to this engine's Math.expm1, which is fdlibm's", () => {
    expect(mismatches(EXPM1_INPUTS, expm1OnKernel(EXPM1_INPUTS), EXPM1_INPUTS.map(Math.expm1))).toEqual([]);
  });

  it("handles an odd-length array's last value like the others", () => {
    const inputs = Float64Array.from(samples(7, 7, -3, 3));
    expect(mismatches(inputs, expm1OnKernel(inputs), inputs.map(fdlibmExpm1))).toEqual([]);
  });
});

describe("the kernel's activations", () => {
  const inputs = Float64Array.from([
    ...samples(8, 4_001, -30, 30),
    ...samples(9, 4_000, -1e-6, 1e-6),
    ...[1, 22, 38.81622314453125, 40, 3.725290298461914e-9, 5.551115123125783e-17, 0.3465735912322998]
      .flatMap((x) => [x, -x])
      .flatMap(withNeighbours),
    // ELU's k = −1 / k ≤ −2 boundary and some k boundaries further down; then pairs of lanes from
    // every branch side by side, since ELU chooses its formula per pair.
    ...[1.0397205352783203, ...[2, 3, 20, 56, 57].map((k) => (k + 0.5) * Math.LN2)].flatMap((x) => withNeighbours(-x)),
    ...samples(10, 4_000, -1.5, 0.5),
    ...samples(11, 1_000, -745, -30),
    ...[5e-324, 1e-300, 2.2e-308, 1e-20, 3e-17].flatMap((x) => [x, -x]),
    ...[0, -0, Number.NaN, -Infinity, Infinity],
  ]);
  const inTypeScript = (name: ActivationName) => {
    const out = new Float64Array(inputs.length);
    activateInPlace(name, inputs, out, inputs.length);
    return out;
  };
  const fdlibmForms = {
    elu: (z: number) => (z > 0 ? z : fdlibmExpm1(z)),
    tanh: fdlibmTanh,
  };

  it.each(["relu", "identity"] as const)("%s is bit-identical to activation-kernels.ts", (name) => {
    expect(mismatches(inputs, activationOnKernel(name, inputs), inTypeScript(name))).toEqual([]);
  });

  it.each(["elu", "tanh"] as const)("%s is bit-identical to its fdlibm form", (name) => {
    expect(mismatches(inputs, activationOnKernel(name, inputs), inputs.map(fdlibmForms[name]))).toEqual([]);
  });

  it.each(["elu", "tanh"] as const)("%s is within 1e-15 relative of activation-kernels.ts here", (name) => {
    const expected = inTypeScript(name);
    const actual = activationOnKernel(name, inputs);
    expect(worstRelativeError(actual, expected)).toBeLessThan(1e-15);
    const special = (_: number, i: number) => expected[i] === 0 || !Number.isFinite(expected[i]!);
    expect(mismatches(inputs.filter(special), actual.filter(special), expected.filter(special))).toEqual([]);
  });

  it.runIf(ENGINE_MATH_IS_FDLIBM).each(["elu", "tanh"] as const)(
    "%s is bit-identical to activation-kernels.ts on this engine, whose Math is fdlibm's",
    (name) => {
      expect(mismatches(inputs, activationOnKernel(name, inputs), inTypeScript(name))).toEqual([]);
    },
  );
});
