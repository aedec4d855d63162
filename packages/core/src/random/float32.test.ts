import { describe, expect, it } from "vitest";
import { float32FromBits, nextAfterFloat32 } from "./float32.js";

describe("float32FromBits", () => {
  it("reads IEEE-754 single-precision bits", () => {
    expect(float32FromBits(0x3f800000)).toBe(1);
    expect(float32FromBits(0xbf800000)).toBe(-1);
    expect(float32FromBits(0x40490fdb)).toBe(Math.fround(Math.PI));
    expect(float32FromBits(0x7f800000)).toBe(Number.POSITIVE_INFINITY);
    expect(float32FromBits(1)).toBe(2 ** -149);
  });
});

describe("nextAfterFloat32", () => {
  it("steps one float32 ulp toward the target", () => {
    expect(nextAfterFloat32(1, 2)).toBe(1 + 2 ** -23);
    expect(nextAfterFloat32(1, 0)).toBe(1 - 2 ** -24);
    expect(nextAfterFloat32(-1, 0)).toBe(-1 + 2 ** -24);
    expect(nextAfterFloat32(2, Number.NEGATIVE_INFINITY)).toBe(2 - 2 ** -23);
    expect(nextAfterFloat32(-2, Number.POSITIVE_INFINITY)).toBe(-2 + 2 ** -23);
  });

  it("steps off zero to the smallest subnormal with the target's sign", () => {
    expect(nextAfterFloat32(0, 1)).toBe(2 ** -149);
    expect(nextAfterFloat32(0, -1)).toBe(-(2 ** -149));
  });

  it("returns the value itself when it equals the target, and NaN for NaN", () => {
    expect(nextAfterFloat32(1, 1)).toBe(1);
    expect(nextAfterFloat32(Number.NaN, 1)).toBeNaN();
    expect(nextAfterFloat32(1, Number.NaN)).toBeNaN();
  });
});
