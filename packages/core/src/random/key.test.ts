import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { foldIn, keyFromSeed, randomBits, splitKey } from "./key.js";

describe("keyFromSeed", () => {
  it("gives JAX's PRNGKey words: high then low 32 bits", () => {
    expect(keyFromSeed(0)).toEqual([0, 0]);
    expect(keyFromSeed(42)).toEqual([0, 42]);
    expect(keyFromSeed(2 ** 32 + 5)).toEqual([1, 5]);
    expect(keyFromSeed(Number.MAX_SAFE_INTEGER)).toEqual([0x1fffff, 0xffffffff]);
  });

  it.each([-1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -0.1])("rejects seed %s", (seed) => {
    expect(() => keyFromSeed(seed)).toThrow(InvalidArgumentError);
    expect(() => keyFromSeed(seed)).toThrow(/seed must be a non-negative integer/);
  });

  it("names the field in the error details", () => {
    try {
      keyFromSeed(-3);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidArgumentError).details.field).toBe("seed");
    }
  });
});

describe("splitKey", () => {
  it("matches jax.random.split(PRNGKey(0))", () => {
    expect(splitKey(keyFromSeed(0))).toEqual([
      [4146024105, 967050713],
      [2718843009, 1272950319],
    ]);
  });

  it("gives `count` distinct keys, deterministically", () => {
    const four = splitKey(keyFromSeed(7), 4);
    expect(four).toHaveLength(4);
    expect(new Set(four.map((k) => k.join(","))).size).toBe(4);
    expect(splitKey(keyFromSeed(7), 4)).toEqual(four);
  });
});

describe("foldIn", () => {
  it("matches jax.random.fold_in(PRNGKey(0), 1)", () => {
    expect(foldIn(keyFromSeed(0), 1)).toEqual([928981903, 3453687069]);
  });

  it("gives different keys for different data and is deterministic", () => {
    const root = keyFromSeed(3);
    const keys = [0, 1, 2, 3, 2 ** 32 - 1].map((d) => foldIn(root, d).join(","));
    expect(new Set(keys).size).toBe(keys.length);
    expect(foldIn(root, 2)).toEqual(foldIn(root, 2));
  });

  it.each([-1, 1.5, 2 ** 32, Number.NaN])("rejects data %s that is not a uint32", (data) => {
    expect(() => foldIn(keyFromSeed(0), data)).toThrow(InvalidArgumentError);
  });
});

describe("randomBits", () => {
  it("is deterministic and returns exactly `count` words", () => {
    const key = keyFromSeed(11);
    expect(randomBits(key, 6)).toEqual(randomBits(key, 6));
    expect(randomBits(key, 0).length).toBe(0);
    expect(randomBits(key, 5).length).toBe(5);
  });

  it("draws words spread over the whole uint32 range", () => {
    const bits = randomBits(keyFromSeed(1), 10_000);
    let high = 0;
    for (const word of bits) if (word >= 2 ** 31) high += 1;
    expect(high / bits.length).toBeGreaterThan(0.48);
    expect(high / bits.length).toBeLessThan(0.52);
  });
});
