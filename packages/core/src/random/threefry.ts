/**
 * Threefry-2x32 with 20 rounds (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", 2011),
 * the counter-based generator JAX uses. Written out here because no maintained npm package offers it
 * with JAX's key schedule, and every backend must see bit-identical random numbers.
 */

const ROTATIONS = [13, 15, 26, 6, 17, 29, 16, 24] as const;
const KEY_SCHEDULE_PARITY = 0x1bd11bda;

function rotl32(value: number, distance: number): number {
  return ((value << distance) | (value >>> (32 - distance))) >>> 0;
}

/** Encrypts the counter (x0, x1) under the key (k0, k1); all values are uint32. */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number): [number, number] {
  const keys = [k0 >>> 0, k1 >>> 0, (k0 ^ k1 ^ KEY_SCHEDULE_PARITY) >>> 0];
  let a = (x0 + keys[0]!) >>> 0;
  let b = (x1 + keys[1]!) >>> 0;
  for (let block = 0; block < 5; block++) {
    const rotationBase = (block % 2) * 4;
    for (let round = 0; round < 4; round++) {
      a = (a + b) >>> 0;
      b = rotl32(b, ROTATIONS[rotationBase + round]!) ^ a;
    }
    const injection = block + 1;
    a = (a + keys[injection % 3]!) >>> 0;
    b = (b + keys[(injection + 1) % 3]! + injection) >>> 0;
  }
  return [a, b];
}

/**
 * JAX's `threefry_2x32` over a counter array: the counters are split into two halves that form the
 * (x0, x1) pairs, and the two output halves are concatenated. An odd count is padded with one zero.
 */
export function threefryCounterBlock(k0: number, k1: number, counters: Uint32Array): Uint32Array {
  const padded = counters.length % 2 === 1;
  const half = (counters.length + (padded ? 1 : 0)) / 2;
  const out = new Uint32Array(half * 2);
  for (let i = 0; i < half; i++) {
    const x1Index = i + half;
    const x1 = x1Index < counters.length ? counters[x1Index]! : 0;
    const [y0, y1] = threefry2x32(k0, k1, counters[i]!, x1);
    out[i] = y0;
    out[i + half] = y1;
  }
  return padded ? out.subarray(0, counters.length) : out;
}
