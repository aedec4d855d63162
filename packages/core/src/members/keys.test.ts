import { describe, expect, it } from "vitest";
import { foldIn, keyFromSeed } from "../random/key.js";
import { KEY_PURPOSE, memberKey } from "./keys.js";

describe("memberKey", () => {
  it("folds the purpose, then the member, into the seed's root key", () => {
    expect(memberKey(7, "bootstrap", 4)).toEqual(foldIn(foldIn(keyFromSeed(7), KEY_PURPOSE.bootstrap), 4));
  });

  it("gives a different key for every purpose, member and seed", () => {
    const keys = new Set<string>();
    for (const seed of [0, 1]) {
      for (const purpose of Object.keys(KEY_PURPOSE) as (keyof typeof KEY_PURPOSE)[]) {
        for (let member = 0; member < 5; member++) keys.add(memberKey(seed, purpose, member).join(","));
      }
    }
    expect(keys.size).toBe(2 * Object.keys(KEY_PURPOSE).length * 5);
  });

  it("uses distinct purpose codes", () => {
    const codes = Object.values(KEY_PURPOSE);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
