import { describe, expect, it } from "vitest";
import { InvalidArgumentError, ShapeError } from "../errors.js";
import { memberQuantile, memberSlice, summarizeMembers } from "./summary.js";

// 3 members × 2 points: member m's outputs at points 0 and 1.
const members = new Float32Array([1, 2, 2, 4, 3, 9]);
const prior = new Float32Array([0.5, 0.5, 1, 1, 1.5, 1.5]);
const trainable = members.map((v, i) => v - prior[i]!);

describe("summarizeMembers", () => {
  const prediction = summarizeMembers({ members, prior, trainable }, 3, 1);

  it("takes the mean and the population std across members", () => {
    expect(prediction.n).toBe(2);
    expect(prediction.memberCount).toBe(3);
    expect(prediction.mean[0]).toBeCloseTo(2, 6);
    expect(prediction.mean[1]).toBeCloseTo(5, 6);
    // Point 0: 1, 2, 3 → variance 2/3. Point 1: 2, 4, 9 → squares 9 + 1 + 16 over 3.
    expect(prediction.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(prediction.std[1]).toBeCloseTo(Math.sqrt(26 / 3), 6);
  });

  it("passes the parts through", () => {
    expect(prediction.members).toBe(members);
    expect(prediction.prior).toBe(prior);
    expect(prediction.trainable).toBe(trainable);
  });

  it("gives std 0 for a single member and for agreeing members", () => {
    const one = summarizeMembers({ members: new Float32Array([4, 5]), prior, trainable }, 1, 1);
    expect(Array.from(one.std)).toEqual([0, 0]);
    expect(Array.from(one.mean)).toEqual([4, 5]);
  });

  it("keeps outputs apart for multi-output networks", () => {
    // 2 members × 1 point × 2 outputs.
    const p = summarizeMembers({ members: new Float32Array([1, 10, 3, 30]), prior, trainable }, 2, 2);
    expect(p.n).toBe(1);
    expect(p.outputSize).toBe(2);
    expect(Array.from(p.mean)).toEqual([2, 20]);
    expect(Array.from(p.std)).toEqual([1, 10]);
  });

  it("rejects member outputs that do not split evenly", () => {
    expect(() => summarizeMembers({ members: new Float32Array(7), prior, trainable }, 3, 1)).toThrow(ShapeError);
    expect(() => summarizeMembers({ members: new Float32Array(6), prior, trainable }, 2, 2)).toThrow(
      /do not split into 2 members × 2 outputs/,
    );
  });
});

describe("memberSlice", () => {
  it("returns member m's values", () => {
    const prediction = summarizeMembers({ members, prior, trainable }, 3, 1);
    expect(Array.from(memberSlice(members, prediction, 1))).toEqual([2, 4]);
    expect(Array.from(memberSlice(prior, prediction, 2))).toEqual([1.5, 1.5]);
  });
});

describe("memberQuantile", () => {
  // 4 members × 1 point, out of order: 4, 1, 3, 2.
  const p = summarizeMembers({ members: new Float32Array([4, 1, 3, 2]), prior, trainable }, 4, 1);

  it("interpolates linearly between order statistics (numpy's default)", () => {
    expect(memberQuantile(p, 0)[0]).toBe(1);
    expect(memberQuantile(p, 1)[0]).toBe(4);
    expect(memberQuantile(p, 0.5)[0]).toBeCloseTo(2.5, 6);
    expect(memberQuantile(p, 0.25)[0]).toBeCloseTo(1.75, 6);
    expect(memberQuantile(p, 0.9)[0]).toBeCloseTo(3.7, 6);
  });

  it("sorts numerically, not as strings", () => {
    const q = summarizeMembers({ members: new Float32Array([10, 9, -2]), prior, trainable }, 3, 1);
    expect(memberQuantile(q, 0)[0]).toBe(-2);
    expect(memberQuantile(q, 0.5)[0]).toBe(9);
  });

  it("works point by point", () => {
    const q = summarizeMembers({ members, prior, trainable }, 3, 1);
    expect(Array.from(memberQuantile(q, 0.5))).toEqual([2, 4]);
  });

  it.each([-0.1, 1.1, Number.NaN])("rejects q = %s", (q) => {
    expect(() => memberQuantile(p, q)).toThrow(InvalidArgumentError);
  });
});

describe("summarizeMembers with member variances (the Gaussian head's mixture)", () => {
  // 2 members × 2 points. Point 0: means 1, 3 (epistemic variance 1), variances 0.5, 1.5 (aleatoric 1).
  const means = new Float32Array([1, 10, 3, 10]);
  const variance = new Float32Array([0.5, 4, 1.5, 4]);
  const p = summarizeMembers({ members: means, prior: means, trainable: means, variance }, 2, 1);

  it("adds the average member variance (aleatoric) to the variance of the means (epistemic)", () => {
    expect(Array.from(p.mean)).toEqual([2, 10]);
    expect(Array.from(p.epistemicStd)).toEqual([1, 0]);
    expect(Array.from(p.aleatoricStd)).toEqual([1, 2]);
    expect(p.std[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(p.std[1]).toBe(2);
    expect(p.variance).toBe(variance);
  });

  it("refuses variances that do not match the member outputs", () => {
    expect(() =>
      summarizeMembers({ members: means, prior: means, trainable: means, variance: new Float32Array(3) }, 2, 1),
    ).toThrow(ShapeError);
  });

  it("without variances: aleatoric 0 and the total equal to the epistemic std, bit for bit", () => {
    const plain = summarizeMembers({ members: means, prior: means, trainable: means }, 2, 1);
    expect(Array.from(plain.aleatoricStd)).toEqual([0, 0]);
    expect(plain.std).toEqual(plain.epistemicStd);
    expect(plain.variance).toBeNull();
  });
});
