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
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSE;

export function memberKey(seed: number, purpose: KeyPurpose, member: number): RandomKey {
  return foldIn(foldIn(keyFromSeed(seed), KEY_PURPOSE[purpose]), member);
}
