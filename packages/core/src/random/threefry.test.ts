import { describe, expect, it } from "vitest";
import { threefry2x32, threefryCounterBlock } from "./threefry.js";

/** Random123's known-answer vectors for threefry2x32_20: (counter; key) → output. */
const KNOWN_ANSWERS = [
  { counter: [0x00000000, 0x00000000], key: [0x00000000, 0x00000000], output: [0x6b200159, 0x99ba4efe] },
  { counter: [0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], output: [0x1cb996fc, 0xbb002be7] },
  { counter: [0x243f6a88, 0x85a308d3], key: [0x13198a2e, 0x03707344], output: [0xc4923a9c, 0x483df7a0] },
] as const;

describe("threefry2x32", () => {
  for (const { counter, key, output } of KNOWN_ANSWERS) {
    const label = [...counter, ...key].map((w) => w.toString(16)).join(",");
    it(`matches Random123's 20-round answer for (${label})`, () => {
      expect(threefry2x32(key[0], key[1], counter[0], counter[1])).toEqual([output[0], output[1]]);
    });
  }

  it("returns unsigned 32-bit words", () => {
    const [a, b] = threefry2x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    for (const word of [a, b]) {
      expect(Number.isInteger(word)).toBe(true);
      expect(word).toBeGreaterThanOrEqual(0);
      expect(word).toBeLessThan(2 ** 32);
    }
  });

  it("treats key and counter as different roles (swapping them changes the output)", () => {
    expect(threefry2x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344)).not.toEqual([0xc4923a9c, 0x483df7a0]);
  });
});

describe("threefryCounterBlock", () => {
  it("pairs counter i with counter i + half, as JAX's threefry_2x32 does", () => {
    const counters = Uint32Array.from([0, 1, 2, 3]);
    const out = threefryCounterBlock(7, 9, counters);
    const [y0, y2] = threefry2x32(7, 9, 0, 2);
    const [y1, y3] = threefry2x32(7, 9, 1, 3);
    expect(Array.from(out)).toEqual([y0, y1, y2, y3]);
  });

  it("pads an odd count with one zero counter and drops the extra output", () => {
    const out = threefryCounterBlock(7, 9, Uint32Array.from([0, 1, 2]));
    expect(out.length).toBe(3);
    const [a0, a1] = threefry2x32(7, 9, 0, 2);
    const [b0] = threefry2x32(7, 9, 1, 0);
    expect(Array.from(out)).toEqual([a0, b0, a1]);
  });

  it("returns an empty block for no counters", () => {
    expect(threefryCounterBlock(1, 2, new Uint32Array(0)).length).toBe(0);
  });
});
