import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { oneHot } from "../data/one-hot.js";
import { bootstrapWeights } from "../members/bootstrap-weights.js";
import { initEnsembleParams, paramCounts } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { referenceCrossEntropy, referenceMemberLoss, referencePredict, referenceSoftmax } from "./reference.js";

const spec = resolveEnsembleSpec({
  members: 2,
  inputSize: 2,
  outputSize: 3,
  head: "categorical",
  trainable: { hiddenSizes: [5] },
  seed: 9,
});
const x = Float32Array.of(-1, 0.5, 0, 0, 0.3, -2, 2, 1);
const data = createDataset(x, oneHot([0, 2, 1, 2], 3), 2, 3);

describe("the float64 reference's categorical head", () => {
  it("defines softmax and cross-entropy stably, in nats", () => {
    expect(referenceSoftmax([0, 0])).toEqual([0.5, 0.5]);
    expect(referenceSoftmax([1000, 0])[0]).toBe(1);
    expect(referenceCrossEntropy([1, 0], [0, 0])).toBeCloseTo(Math.LN2, 15);
    expect(referenceCrossEntropy([0, 1], [800, 0])).toBeCloseTo(800, 12);
    expect(referenceCrossEntropy([0, 0, 1], [1, 2, 3])).toBeCloseTo(Math.log(Math.exp(-2) + Math.exp(-1) + 1), 14);
  });

  it("adds β·p to every logit", () => {
    const params = initEnsembleParams(spec);
    const prediction = referencePredict(spec, params, x);
    expect(prediction.variance).toBeNull();
    expect(prediction.members.length).toBe(2 * 4 * 3);
    for (let j = 0; j < prediction.members.length; j++)
      expect(prediction.members[j]).toBe(prediction.trainable[j]! + prediction.prior[j]!);
  });

  it("divides the weighted cross-entropy by n (not n·K), and its gradient matches finite differences", () => {
    const params = initEnsembleParams(spec);
    const weights = bootstrapWeights(spec, data.n);
    const count = paramCounts(spec).trainable;
    const member = 1;
    const theta = Array.from(params.trainable.subarray(member * count, (member + 1) * count));
    const { loss, gradient } = referenceMemberLoss(spec, params, member, theta, data, weights);
    const logits = referencePredict(spec, params, x).members;
    let expected = 0;
    for (let i = 0; i < data.n; i++) {
      const z = Array.from(logits.subarray((member * data.n + i) * 3, (member * data.n + i + 1) * 3));
      const y = Array.from(data.y.subarray(i * 3, i * 3 + 3));
      expected += weights[member * data.n + i]! * referenceCrossEntropy(y, z);
    }
    expect(loss).toBeCloseTo(expected / data.n, 12);
    const h = 1e-6;
    for (let j = 0; j < count; j++) {
      const at = (delta: number) =>
        referenceMemberLoss(
          spec,
          params,
          member,
          theta.map((v, k) => (k === j ? v + delta : v)),
          data,
          weights,
        ).loss;
      expect(gradient[j]).toBeCloseTo((at(h) - at(-h)) / (2 * h), 5);
    }
  });
});
