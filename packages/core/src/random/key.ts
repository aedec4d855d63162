import { InvalidArgumentError } from "../errors.js";
import { threefry2x32, threefryCounterBlock } from "./threefry.js";

/** A Threefry key: two uint32 words, as JAX's raw `PRNGKey`. Immutable by convention. */
export type RandomKey = readonly [number, number];

const TWO_POW_32 = 2 ** 32;

/**
 * JAX's `PRNGKey(seed)`: the high and low 32-bit words of a non-negative integer seed.
 * @throws {InvalidArgumentError} when seed is not an integer in [0, 2^53 − 1].
 */
export function keyFromSeed(seed: number): RandomKey {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new InvalidArgumentError(`seed must be a non-negative integer up to 2^53 - 1, got ${String(seed)}`, {
      field: "seed",
    });
  }
  return [Math.floor(seed / TWO_POW_32) >>> 0, (seed % TWO_POW_32) >>> 0];
}

/** Whether `value` is a RandomKey: an array of two uint32 words. */
export function isRandomKey(value: unknown): value is RandomKey {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((word) => Number.isInteger(word) && word >= 0 && word < TWO_POW_32)
  );
}

/** JAX's (non-partitionable) `split`: `count` independent keys from one. */
export function splitKey(key: RandomKey, count = 2): RandomKey[] {
  const counters = new Uint32Array(count * 2);
  for (let i = 0; i < counters.length; i++) counters[i] = i;
  const words = threefryCounterBlock(key[0], key[1], counters);
  const keys: RandomKey[] = [];
  for (let i = 0; i < count; i++) keys.push([words[2 * i]!, words[2 * i + 1]!]);
  return keys;
}

/**
 * JAX's `fold_in`: a new key determined by `key` and a uint32 `data` (a member index, a purpose).
 * @throws {InvalidArgumentError} when data is not a uint32.
 */
export function foldIn(key: RandomKey, data: number): RandomKey {
  if (!Number.isInteger(data) || data < 0 || data >= TWO_POW_32) {
    throw new InvalidArgumentError(`foldIn data must be a uint32, got ${String(data)}`);
  }
  return threefry2x32(key[0], key[1], 0, data >>> 0);
}

/** JAX's `random_bits` for 32-bit words: `count` uint32 values from one key. */
export function randomBits(key: RandomKey, count: number): Uint32Array {
  const counters = new Uint32Array(count);
  for (let i = 0; i < count; i++) counters[i] = i;
  return threefryCounterBlock(key[0], key[1], counters);
}
