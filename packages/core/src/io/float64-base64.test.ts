import { describe, expect, it } from "vitest";
import { decodeFloat64, encodeFloat64 } from "./float64-base64.js";

describe("float64 base64", () => {
  it("round-trips bit for bit, including -0, subnormals, extremes and NaN", () => {
    const values = new Float64Array([0, -0, 1, -1.5, 5e-324, Number.MAX_VALUE, Number.NaN, Math.PI, 0.1]);
    const back = decodeFloat64(encodeFloat64(values));
    expect(new BigUint64Array(back.buffer)).toEqual(new BigUint64Array(values.buffer));
  });

  it("writes little-endian bytes", () => {
    // 1.0 is 0x3ff0000000000000.
    expect(encodeFloat64(new Float64Array([1]))).toBe(Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0x3f]).toString("base64"));
  });

  it("rejects a byte count that is not a multiple of 8", () => {
    expect(() => decodeFloat64(Buffer.from([1, 2, 3, 4]).toString("base64"))).toThrow(RangeError);
  });
});
