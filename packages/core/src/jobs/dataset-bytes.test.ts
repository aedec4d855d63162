import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeToyData } from "../data/toy.js";
import { DataError, InvalidArgumentError } from "../errors.js";
import { datasetDigest, decodeDataset, encodeDataset } from "./dataset-bytes.js";

const data = {
  x: Float32Array.from([0, -0, 1.5, 1e-45, -3.4e38, 7]),
  y: Float32Array.from([0.1, -2, Math.fround(1 / 3)]),
  n: 3,
  inputSize: 2,
  outputSize: 1,
};

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

describe("encodeDataset / decodeDataset", () => {
  it("round-trips every bit (−0, subnormals, the float32 extremes)", () => {
    const back = decodeDataset(encodeDataset(data));
    expect(back).toMatchObject({ n: 3, inputSize: 2, outputSize: 1 });
    expect(bits(back.x)).toEqual(bits(data.x));
    expect(bits(back.y)).toEqual(bits(data.y));
    expect(encodeDataset(data).length).toBe(20 + 9 * 4);
  });

  it("gives the same bytes for the same data, different ones for any change", () => {
    const toy = makeToyData({ seed: 2, n: 30 });
    expect(encodeDataset(toy)).toEqual(encodeDataset({ ...toy, x: toy.x.slice(), y: toy.y.slice() }));
    const y = toy.y.slice();
    y[29] = Math.fround(y[29]! + 1e-3);
    expect(encodeDataset({ ...toy, y })).not.toEqual(encodeDataset(toy));
  });

  it("refuses corrupt bytes with a DataError saying what is wrong", () => {
    const bytes = encodeDataset(data);
    const edited = (edit: (b: Uint8Array) => void) => {
      const copy = bytes.slice();
      edit(copy);
      return copy;
    };
    const nan = edited((b) => new DataView(b.buffer).setFloat32(20, Number.NaN, true));
    for (const [corrupt, message] of [
      [bytes.slice(0, 10), /shorter than the header/],
      [bytes.slice(0, -1), /bytes, and the header's 3 rows/],
      [edited((b) => void (b[0] = 0x58)), /do not begin with "RPFD"/],
      [edited((b) => void (b[4] = 9)), /version 9, expected 1/],
      [edited((b) => void (b[8] = 4)), /the header's 4 rows/],
    ] as const) {
      expect(() => decodeDataset(corrupt)).toThrow(DataError);
      expect(() => decodeDataset(corrupt)).toThrow(message);
    }
    expect(() => decodeDataset(nan)).toThrow(DataError);
  });

  it("refuses per-member targets: jobs train on shared ones", () => {
    expect(() => encodeDataset({ ...data, yByMember: new Float32Array(6) })).toThrow(InvalidArgumentError);
  });
});

describe("datasetDigest", () => {
  it("is the sha256 of the bytes in lowercase hex (checked against node:crypto)", async () => {
    const bytes = encodeDataset(makeToyData({ seed: 5, n: 50 }));
    expect(await datasetDigest(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
