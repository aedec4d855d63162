import { describe, expect, it } from "vitest";
import { base64ByteLength, decodeFloat32, encodeFloat32 } from "./float32-base64.js";

describe("float32 base64", () => {
  it("round-trips bit for bit, including -0, subnormals, extremes and NaN", () => {
    const values = new Float32Array([0, -0, 1, -1.5, 2 ** -149, 3.4028234663852886e38, Number.NaN, Math.PI]);
    const back = decodeFloat32(encodeFloat32(values));
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(values.buffer));
  });

  it("writes little-endian bytes", () => {
    // 1.0f is 0x3f800000: bytes 00 00 80 3f.
    expect(encodeFloat32(new Float32Array([1]))).toBe(Buffer.from([0, 0, 0x80, 0x3f]).toString("base64"));
  });

  it("predicts the decoded byte count from the text", () => {
    for (const count of [0, 1, 2, 3, 7]) {
      expect(base64ByteLength(encodeFloat32(new Float32Array(count)))).toBe(count * 4);
    }
  });

  it("rejects a byte count that is not a multiple of 4", () => {
    expect(() => decodeFloat32(Buffer.from([1, 2, 3]).toString("base64"))).toThrow(RangeError);
  });
});
