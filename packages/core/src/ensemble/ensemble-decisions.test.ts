import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { randomIntegers } from "../random/distributions.js";
import { foldIn, keyFromSeed, type RandomKey } from "../random/key.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

describe("Ensemble.sampleMember", () => {
  it("draws randomIntegers(key, 1, members)[0]: the same key, the same member; every member about equally often", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 5 }, { backend });
    const counts = new Array<number>(5).fill(0);
    const root = keyFromSeed(7);
    for (let t = 0; t < 5000; t++) {
      const key = foldIn(root, t);
      const member = ensemble.sampleMember(key);
      expect(member).toBe(randomIntegers(key, 1, 5)[0]);
      expect(ensemble.sampleMember(key)).toBe(member);
      counts[member]! += 1;
    }
    // 1000 expected per member; 5 standard deviations is about 140.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(140);
  });

  it("refuses a key that is not two uint32 words, and any draw once disposed", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 3 }, { backend });
    for (const key of [[1], [1, 2, 3], [1.5, 0], [-1, 0], [0, 2 ** 32], "01"] as unknown as RandomKey[]) {
      expect(() => ensemble.sampleMember(key)).toThrowError(expect.objectContaining({ name: "InvalidArgumentError" }));
    }
    await ensemble.dispose();
    expect(() => ensemble.sampleMember(keyFromSeed(0))).toThrowError(
      expect.objectContaining({ name: "InvalidArgumentError", details: expect.objectContaining({ field: "handle" }) }),
    );
  });
});

describe("Ensemble.predictMember", () => {
  const data = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);

  it("asks the backend for that member only and returns it in the data's units", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 3, epochs: 1, standardize: "xy" }, { backend });
    await ensemble.fit(data);
    const x = Float32Array.of(0.5, 2);
    const one = await ensemble.predictMember(2, x);
    expect(calls.predictedMembers).toEqual([2]);
    const all = await ensemble.predict(x);
    expect(one).toMatchObject({ member: 2, memberCount: 1, n: 2, outputSize: 1 });
    expect(one.mean).toEqual(all.members.subarray(4, 6));
    expect(one.prior).toEqual(all.prior.subarray(4, 6));
    expect(one.trainable).toEqual(all.trainable.subarray(4, 6));
    // One member has no spread of its own without a Gaussian head.
    expect(one.std).toEqual(new Float32Array(2));
  });

  it("refuses a member out of range or not a whole number, bad x, and any call once disposed", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 3 }, { backend });
    const x = Float32Array.of(1);
    for (const member of [-1, 3, 1.5, Number.NaN]) {
      await expect(ensemble.predictMember(member, x)).rejects.toMatchObject({
        name: "InvalidArgumentError",
        details: { field: "member", accepted: "0 to 2" },
      });
    }
    await expect(ensemble.predictMember(0, Float32Array.of(Number.NaN))).rejects.toMatchObject({ name: "DataError" });
    await expect(ensemble.predictMember(0, new Float32Array(0))).rejects.toMatchObject({ name: "ShapeError" });
    expect(calls.predictedMembers).toEqual([]);
    await ensemble.dispose();
    await expect(ensemble.predictMember(0, x)).rejects.toMatchObject({
      name: "InvalidArgumentError",
      details: { field: "handle" },
    });
  });
});
