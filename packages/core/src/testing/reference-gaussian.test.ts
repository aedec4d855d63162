import { describe, expect, it } from "vitest";
import { makeToyData } from "../data/toy.js";
import { bootstrapWeights } from "../members/bootstrap-weights.js";
import { initEnsembleParams, paramCounts } from "../members/params.js";
import { priorMlp } from "../nn/ensemble-spec.js";
import { mlpLayout } from "../nn/mlp.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import {
  referenceGaussianNll,
  referenceMemberLoss,
  referencePredict,
  referenceSoftplus,
  referenceVariance,
} from "./reference.js";

const spec = resolveEnsembleSpec({ members: 2, head: "gaussian", trainable: { hiddenSizes: [6] }, seed: 4 });
const x = Float32Array.from([-1, 0, 0.3, 2]);

describe("the float64 reference's Gaussian head", () => {
  it("defines the NLL as ½·log(2π·v) + (y − μ)²/(2v) and the variance as softplus(raw) + floor", () => {
    expect(referenceGaussianNll(1, 1, 1)).toBeCloseTo(0.5 * Math.log(2 * Math.PI), 15);
    expect(referenceGaussianNll(3, 1, 4)).toBeCloseTo(0.5 * Math.log(8 * Math.PI) + 0.5, 15);
    expect(referenceSoftplus(0)).toBeCloseTo(Math.LN2, 15);
    expect(referenceSoftplus(800)).toBe(800);
    expect(referenceSoftplus(-800)).toBe(0);
    expect(referenceVariance(-800, 1e-6)).toBe(1e-6);
  });

  it("adds β·p to the mean only: the prior's variance outputs change nothing", () => {
    const params = initEnsembleParams(spec);
    const last = mlpLayout(priorMlp(spec)).layers.at(-1)!;
    const count = paramCounts(spec).prior;
    const scramble = (outputs: "mean" | "variance") => {
      const prior = params.prior.slice();
      for (let m = 0; m < spec.members; m++) {
        const column = outputs === "mean" ? 0 : spec.outputSize;
        prior[m * count + last.bias.offset + column]! += 5;
        for (let k = 0; k < last.fanIn; k++) prior[m * count + last.kernel.offset + k * last.fanOut + column]! *= -2;
      }
      return referencePredict(spec, { ...params, prior }, x);
    };
    const base = referencePredict(spec, params, x);
    const varianceScrambled = scramble("variance");
    expect(varianceScrambled.members).toEqual(base.members);
    expect(varianceScrambled.variance).toEqual(base.variance);
    const meanScrambled = scramble("mean");
    expect(meanScrambled.members).not.toEqual(base.members);
    expect(meanScrambled.variance).toEqual(base.variance);
  });

  it("has an analytic NLL gradient that matches central finite differences", () => {
    const params = initEnsembleParams(spec);
    const data = makeToyData({ seed: 3, n: 12 });
    const weights = bootstrapWeights(spec, data.n);
    const count = paramCounts(spec).trainable;
    const theta = Array.from(params.trainable.subarray(0, count));
    const { gradient } = referenceMemberLoss(spec, params, 0, theta, data, weights);
    const h = 1e-6;
    const loss = (j: number, d: number) =>
      referenceMemberLoss(
        spec,
        params,
        0,
        theta.map((v, k) => (k === j ? v + d : v)),
        data,
        weights,
      ).loss;
    const largest = Math.max(...gradient.map(Math.abs));
    gradient.forEach((g, j) => {
      expect(Math.abs(g - (loss(j, h) - loss(j, -h)) / (2 * h))).toBeLessThan(1e-7 * largest);
    });
  });
});
