/**
 * expm1 and tanh on two float64 lanes at once, rounding exactly as fdlibm's s_expm1.c and s_tanh.c,
 * which V8 ports for Math.expm1 and Math.tanh (src/base/ieee754.cc; Node 20's V8 rounds every value
 * so). WebAssembly has no exp instruction, and calling out to Math per element would cost more than
 * the layer itself; doing fdlibm's own arithmetic here, with its branches turned into lane selects,
 * keeps the wasm trainer bit-identical to the TypeScript one wherever Math is fdlibm's, and makes
 * the kernel's results the same on every engine. The algorithm: x = k·ln2 + r with |r| ≤ ln2/2,
 * expm1(r) from fdlibm's rational correction in r²/2, then the scale-back formula fdlibm uses for
 * that k. Every formula a lane might need is computed and each lane keeps the one fdlibm would take.
 */

/*
 * Constants live in a table in linear memory and are splatted by the load (one instruction):
 * V8 rebuilds a v128 constant with two to four instructions at every use inside a loop. The
 * decimal literals are the shortest round-trip forms of fdlibm's hexadecimal constants.
 */
const LN2_HI = 0;
const LN2_LO = 1;
const INV_LN2 = 2;
const HALF = 3;
const ONE = 4;
const THREE = 5;
const SIX = 6;
const Q1 = 7;
const Q2 = 8;
const Q3 = 9;
const Q4 = 10;
const Q5 = 11;
const MINUS_HALF = 12;
const MINUS_ONE = 13;
const REDUCE_FROM = 14;
const EXPONENT_MAGIC = 15;
const CLAMP_BELOW = 16;
const TINY_BELOW = 17;
const SATURATE_AT_OR_BELOW = 18;
const OVERFLOW_ABOVE = 19;
const INFINITY = 20;
const MINUS_QUARTER = 21;
const TWO = 22;
const MINUS_TWO = 23;
const TWO_TO_1023 = 24;
const K_1024 = 25;
const K_1023 = 26;
const K_1022 = 27;
const K_20 = 28;
const K_56 = 29;
const SIGN_BIT = 30;
const TANH_TINY_BELOW = 31;
const TANH_SATURATE_FROM = 32;
const MINUS_REDUCE_FROM = 33;

const TABLE: usize = memory.data<f64>([
  0.6931471803691238, // ln 2 rounded to 0x3FE62E42FEE00000, so that k·LN2_HI is exact
  1.9082149292705877e-10, // ln 2 − LN2_HI
  Math.LOG2E, // 1/ln 2, as fdlibm's invln2 (0x3FF71547652B82FE)
  0.5,
  1.0,
  3.0,
  6.0,
  -0.03333333333333313, // fdlibm's Q1…Q5, scaled for z = r²/2
  0.0015873015872548146,
  -0.0000793650757867488,
  0.000004008217827329362,
  -2.0109921818362437e-7,
  -0.5,
  -1.0,
  0.3465735912322998, // fdlibm reduces once the high word of |x| exceeds 0x3FD62E42: from here on
  6755399441056767.0, // 1.5·2^52 + 1023: k plus this holds k + 1023 in its low bits, ready to shift into the exponent
  -40.0, // every x below rounds to −1 anyway; clamping there keeps 2^k a normal number
  5.551115123125783e-17, // 2^-54: below it expm1(x) = x
  -38.81622314453125, // −56·ln2 by high word: at or below it expm1(x) = −1
  709.782712893384, // above it expm1 overflows
  Infinity,
  -0.25,
  2.0,
  -2.0,
  8.98846567431158e307, // 2^1023
  1024.0,
  1023.0,
  1022.0,
  20.0,
  56.0,
  -0.0, // the sign bit alone
  3.725290298461914e-9, // 2^-28: below it tanh(x) = x
  22.0, // from here on tanh(x) = ±1
  -0.3465735912322998, // −REDUCE_FROM: for x ≤ 0, |x| ≥ REDUCE_FROM is x ≤ this
]);

/** The constant in table slot `slot`, in both lanes. */
function lanes(slot: i32): v128 {
  return v128.load64_splat(TABLE + ((<usize>slot) << 3));
}

/** 2^k for whole-number float lanes k in [-1022, 1023]: k + 1023 shifted into the exponent field. */
function powerOfTwo(k: v128): v128 {
  return i64x2.shl(f64x2.add(k, lanes(EXPONENT_MAGIC)), 52);
}

/**
 * k as fdlibm picks it: 0 up to REDUCE_FROM, else trunc(x/ln2 ± 0.5) with the sign of x. fdlibm
 * sets k = ±1 below 1.5·ln2 by a range test instead; the formula gives the same there.
 */
function exponentOf(x: v128, magnitude: v128, halfWithSign: v128): v128 {
  const general = f64x2.trunc(f64x2.add(f64x2.mul(lanes(INV_LN2), x), halfWithSign));
  return v128.bitselect(f64x2.splat(0.0), general, f64x2.lt(magnitude, lanes(REDUCE_FROM)));
}

/**
 * fdlibm's core on the reduced argument r (|r| ≤ ln2/2 plus rounding), given r/2 and r²/2:
 * e such that expm1(r) = r − (r·e − r²/2). Its rational correction keeps the error under 1 ulp.
 */
function expm1Core(r: v128, halfR: v128, halfSquare: v128): v128 {
  let q = f64x2.add(lanes(Q4), f64x2.mul(halfSquare, lanes(Q5)));
  q = f64x2.add(lanes(Q3), f64x2.mul(halfSquare, q));
  q = f64x2.add(lanes(Q2), f64x2.mul(halfSquare, q));
  q = f64x2.add(lanes(Q1), f64x2.mul(halfSquare, q));
  const r1 = f64x2.add(lanes(ONE), f64x2.mul(halfSquare, q));
  const t = f64x2.sub(lanes(THREE), f64x2.mul(r1, halfR));
  return f64x2.mul(halfSquare, f64x2.div(f64x2.sub(r1, t), f64x2.sub(lanes(SIX), f64x2.mul(r, t))));
}

/** fdlibm's result for k = 0 (r = x): r − (r·e − r²/2). */
function unreducedResult(r: v128, e: v128, halfSquare: v128): v128 {
  return f64x2.sub(r, f64x2.sub(f64x2.mul(r, e), halfSquare));
}

/**
 * fdlibm's E for k ≠ 0, folding in the reduction's rounding error c: (r·(e − c) − c) − r²/2.
 * The k ≠ 0 results below are all written in terms of r and E.
 */
function correctedE(r: v128, e: v128, correction: v128, halfSquare: v128): v128 {
  return f64x2.sub(f64x2.sub(f64x2.mul(r, f64x2.sub(e, correction)), correction), halfSquare);
}

/** fdlibm's k = −1 result: 0.5·(r − E) − 0.5. */
function minusOneResult(r: v128, big: v128): v128 {
  return f64x2.sub(f64x2.mul(lanes(HALF), f64x2.sub(r, big)), lanes(HALF));
}

/**
 * expm1 for lanes ≤ 0, the case ELU needs: only fdlibm's k = 0, k = −1 and k ≤ −2 branches
 * occur. Lanes below −40 are clamped there (their result is −1 either way, as is fdlibm's for
 * x ≤ −56·ln2), which keeps 2^k normal. Positive lanes give unspecified values that callers
 * discard, and the tiny-|x| branch is left to the k = 0 formula, which returns x there for every
 * nonzero x; ELU passes zeros through without calling this. Written with as few operations as
 * the three branches allow: this is most of an ELU network's forward pass.
 */
export function expm1NonPositive(x: v128): v128 {
  // pmax(x, c) is x < c ? c : x: one instruction, and a NaN lane stays NaN.
  const clamped = f64x2.pmax(x, lanes(CLAMP_BELOW));
  // fdlibm reduces the lanes with |x| ≥ REDUCE_FROM (k = trunc(x/ln2 − 0.5), see exponentOf) and
  // takes k = 0 elsewhere, where the formula is much shorter: a pair with no lane to reduce takes
  // the short one alone. In the full formula, k = +0 in those lanes gives r = x as fdlibm has it.
  const reduce = f64x2.le(clamped, lanes(MINUS_REDUCE_FROM));
  if (i64x2.bitmask(reduce) === 0) {
    const halfR = f64x2.mul(lanes(HALF), clamped);
    const halfSquare = f64x2.mul(clamped, halfR);
    return unreducedResult(clamped, expm1Core(clamped, halfR, halfSquare), halfSquare);
  }
  const k = v128.and(f64x2.trunc(f64x2.add(f64x2.mul(lanes(INV_LN2), clamped), lanes(MINUS_HALF))), reduce);
  // x = k·ln2 + r, with c the rounding error of r (k·LN2_HI is exact).
  const hi = f64x2.sub(clamped, f64x2.mul(k, lanes(LN2_HI)));
  const lo = f64x2.mul(k, lanes(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const correction = f64x2.sub(f64x2.sub(hi, r), lo);
  const halfR = f64x2.mul(lanes(HALF), r);
  const halfSquare = f64x2.mul(r, halfR);
  const e = expm1Core(r, halfR, halfSquare);
  const big = correctedE(r, e, correction, halfSquare);
  // k ≤ −2: (1 − (E − r))·2^k − 1. k = −1: 0.5·(r − E) − 0.5, the same form with 0 for the first
  // 1 and 0.5 for the last, since 2^−1 = 0.5 and r − E rounds to exactly −(E − r).
  const minusOne = f64x2.eq(k, lanes(MINUS_ONE));
  const reduced = f64x2.sub(
    f64x2.mul(f64x2.sub(v128.andnot(lanes(ONE), minusOne), f64x2.sub(big, r)), powerOfTwo(k)),
    f64x2.sub(lanes(ONE), v128.and(minusOne, lanes(HALF))),
  );
  return v128.bitselect(reduced, unreducedResult(r, e, halfSquare), reduce);
}

/** expm1 over the whole float64 range, every fdlibm branch included. */
export function expm1Vector(x: v128): v128 {
  const magnitude = f64x2.abs(x);
  const signBit = v128.and(x, lanes(SIGN_BIT));
  const k = exponentOf(x, magnitude, v128.or(lanes(HALF), signBit));
  const hi = f64x2.sub(x, f64x2.mul(k, lanes(LN2_HI)));
  const lo = f64x2.mul(k, lanes(LN2_LO));
  const r = f64x2.sub(hi, lo);
  const correction = f64x2.sub(f64x2.sub(hi, r), lo);
  const halfR = f64x2.mul(lanes(HALF), r);
  const halfSquare = f64x2.mul(r, halfR);
  const e = expm1Core(r, halfR, halfSquare);
  const big = correctedE(r, e, correction, halfSquare);
  const bigMinusR = f64x2.sub(big, r);

  // k = 1: two forms, split at r = −0.25.
  const plusOneLow = f64x2.mul(lanes(MINUS_TWO), f64x2.sub(big, f64x2.add(r, lanes(HALF))));
  const plusOneHigh = f64x2.add(lanes(ONE), f64x2.mul(lanes(TWO), f64x2.sub(r, big)));
  const plusOne = v128.bitselect(plusOneLow, plusOneHigh, f64x2.lt(r, lanes(MINUS_QUARTER)));

  // k ≤ −2 or k > 56: (1 − (E − r))·2^k − 1, where k = 1024 scales by 2·2^1023 instead.
  const twoToK = powerOfTwo(f64x2.min(k, lanes(K_1023)));
  const oneMinus = f64x2.sub(lanes(ONE), bigMinusR);
  const far = f64x2.sub(
    v128.bitselect(
      f64x2.mul(f64x2.mul(oneMinus, lanes(TWO)), lanes(TWO_TO_1023)),
      f64x2.mul(oneMinus, twoToK),
      f64x2.eq(k, lanes(K_1024)),
    ),
    lanes(ONE),
  );

  // 2 ≤ k < 20: ((1 − 2^-k) − (E − r))·2^k; 20 ≤ k ≤ 56: ((r − (E + 2^-k)) + 1)·2^k.
  const twoToMinusK = powerOfTwo(f64x2.neg(f64x2.min(k, lanes(K_1022))));
  const moderate = f64x2.mul(f64x2.sub(f64x2.sub(lanes(ONE), twoToMinusK), bigMinusR), twoToK);
  const large = f64x2.mul(f64x2.add(f64x2.sub(r, f64x2.add(big, twoToMinusK)), lanes(ONE)), twoToK);

  let result = v128.bitselect(moderate, large, f64x2.lt(k, lanes(K_20)));
  const isFar = v128.or(f64x2.lt(k, lanes(MINUS_ONE)), f64x2.gt(k, lanes(K_56)));
  result = v128.bitselect(far, result, isFar);
  result = v128.bitselect(plusOne, result, f64x2.eq(k, lanes(ONE)));
  result = v128.bitselect(minusOneResult(r, big), result, f64x2.eq(k, lanes(MINUS_ONE)));
  result = v128.bitselect(unreducedResult(r, e, halfSquare), result, f64x2.eq(k, f64x2.splat(0.0)));
  result = v128.bitselect(x, result, f64x2.lt(magnitude, lanes(TINY_BELOW)));
  result = v128.bitselect(lanes(MINUS_ONE), result, f64x2.le(x, lanes(SATURATE_AT_OR_BELOW)));
  return v128.bitselect(lanes(INFINITY), result, f64x2.gt(x, lanes(OVERFLOW_ABOVE)));
}

/**
 * tanh as fdlibm: x below 2^-28; 1 − 2/(expm1(2|x|) + 2) from |x| = 1; −t/(t + 2) with
 * t = expm1(−2|x|) below; ±1 from 22 (and for ±∞); the sign of x restored last.
 */
export function tanhVector(x: v128): v128 {
  const magnitude = f64x2.abs(x);
  const large = f64x2.ge(magnitude, lanes(ONE));
  const t = expm1Vector(
    v128.bitselect(f64x2.mul(lanes(TWO), magnitude), f64x2.mul(lanes(MINUS_TWO), magnitude), large),
  );
  const denominator = f64x2.add(t, lanes(TWO));
  let z = v128.bitselect(
    f64x2.sub(lanes(ONE), f64x2.div(lanes(TWO), denominator)),
    f64x2.div(f64x2.neg(t), denominator),
    large,
  );
  z = v128.bitselect(lanes(ONE), z, f64x2.ge(magnitude, lanes(TANH_SATURATE_FROM)));
  const signed = v128.xor(z, v128.and(x, lanes(SIGN_BIT)));
  return v128.bitselect(x, signed, f64x2.lt(magnitude, lanes(TANH_TINY_BELOW)));
}
