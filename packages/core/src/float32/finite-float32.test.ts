import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLOAT32_MAX, FLOAT32_RANGE, isFiniteFloat32 } from "./finite-float32.js";
import { formatFloat32 } from "./shortest-float32.js";

/** The float64 halfway between FLOAT32_MAX and 2¹²⁸: from here on values round to Infinity. */
const HALFWAY_TO_INFINITY = 2 ** 128 - 2 ** 103;

describe("isFiniteFloat32", () => {
  it("accepts 3.4028235e38, the largest float32 in its usual shortest form, though it is above FLOAT32_MAX", () => {
    const text = Number("3.4028235e+38");
    expect(text).toBeGreaterThan(FLOAT32_MAX);
    expect(isFiniteFloat32(text)).toBe(true);
    expect(isFiniteFloat32(-text)).toBe(true);
    expect(isFiniteFloat32(FLOAT32_MAX)).toBe(true);
  });

  it("refuses 3.5e38, 1e39, 1e400 and non-numbers", () => {
    for (const value of [3.5e38, -3.5e38, 1e39, Number("1e400"), Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(isFiniteFloat32(value)).toBe(false);
    }
  });

  it("draws the line where rounding does: just below halfway to 2¹²⁸ is in, halfway is out", () => {
    const below = HALFWAY_TO_INFINITY - 2 ** (127 - 52);
    expect(isFiniteFloat32(below)).toBe(true);
    expect(isFiniteFloat32(HALFWAY_TO_INFINITY)).toBe(false);
    expect(isFiniteFloat32(-HALFWAY_TO_INFINITY)).toBe(false);
  });

  it("accepts values too small for float32: they round to zero", () => {
    expect(isFiniteFloat32(1e-50)).toBe(true);
    expect(isFiniteFloat32(-Number.MIN_VALUE)).toBe(true);
  });

  it("states the range with the bound's shortest form", () => {
    expect(FLOAT32_RANGE).toBe(`±${formatFloat32(FLOAT32_MAX).replace("e+", "e")}`);
  });

  it("agrees with a Float32Array store for any float64 (property)", () => {
    const store = new Float32Array(1);
    fc.assert(
      fc.property(fc.double(), (value) => {
        store[0] = value;
        expect(isFiniteFloat32(value)).toBe(Number.isFinite(store[0]));
      }),
      { numRuns: 2000 },
    );
  });
});
