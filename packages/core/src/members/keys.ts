import { foldIn, keyFromSeed, type RandomKey } from "../random/key.js";

/**
 * Every random number of a run comes from key(seed, purpose, member): one root key, folded with a
 * purpose, then with the member index. A member's draws therefore never depend on how many
 * members there are, on the backend, or on which worker trains it.
 */
export const KEY_PURPOSE = {
  priorInit: 1,
  trainableInit: 2,
  bootstrap: 3,
  minibatch: 4,
  validationSplit: 5,
} as const;

/** What a random key is for: one of KEY_PURPOSE's names. */
export type KeyPurpose = keyof typeof KEY_PURPOSE;

/**
 * key(seed, purpose, member): keyFromSeed(seed) folded with the purpose's number, then the member index.
 * @throws {InvalidArgumentError} when seed is not an integer in [0, 2^53 − 1], or member is not a uint32.
 */
export function memberKey(seed: number, purpose: KeyPurpose, member: number): RandomKey {
  return foldIn(foldIn(keyFromSeed(seed), KEY_PURPOSE[purpose]), member);
}
