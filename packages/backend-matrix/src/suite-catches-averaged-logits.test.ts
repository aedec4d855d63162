import type { Backend, EnsembleSpec } from "@rpf/core";
import type { RawPrediction } from "@rpf/core/backend";
import { ConformanceFailure, FLOAT64_TOLERANCES, runConformanceCase } from "@rpf/core/testing";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "./index.js";

/** What a faulty backend changes in the real one's answers. */
interface Fault {
  readonly predict?: (raw: RawPrediction, spec: EnsembleSpec) => RawPrediction;
  readonly losses?: (losses: Float64Array, spec: EnsembleSpec) => Float64Array;
}

/** The real backend with its handles' predictions or losses changed by `fault`. */
function faulty(name: string, fault: Fault): Backend {
  return {
    ...matrixBackend,
    name,
    async createEnsemble(init, options) {
      const handle = await matrixBackend.createEnsemble(init, options);
      const { spec } = init;
      const losses = fault.losses ?? ((values) => values);
      const predict = fault.predict ?? ((raw) => raw);
      return {
        backend: name,
        device: handle.device,
        prepareTraining: (data, weights) => handle.prepareTraining(data, weights),
        trainEpochs: async (epochs) => losses(await handle.trainEpochs(epochs), spec),
        finalLosses: async () => losses(await handle.finalLosses(), spec),
        predict: async (x) => predict(await handle.predict(x), spec),
        predictMember: (member, x) => handle.predictMember(member, x),
        params: () => handle.params(),
        trainingState: () => handle.trainingState(),
        dispose: () => handle.dispose(),
      };
    },
  };
}

/** [members, n, K] values with every member's replaced by the members' mean. */
function memberMean(values: Float32Array, members: number): Float32Array {
  const size = values.length / members;
  const out = new Float32Array(values.length);
  for (let j = 0; j < size; j++) {
    let sum = 0;
    for (let m = 0; m < members; m++) sum += values[m * size + j]!;
    for (let m = 0; m < members; m++) out[m * size + j] = sum / members;
  }
  return out;
}

/**
 * The ensemble's logits averaged over members before the softmax: every member reports the mean
 * logit, so the class probabilities become softmax(mean logits) instead of the mean of the
 * members' softmax, and the members never disagree (mutual information 0).
 */
const averagedLogits = faulty("averaged-logits", {
  predict: (raw, spec) => ({
    members: memberMean(raw.members, spec.members),
    prior: memberMean(raw.prior, spec.members),
    trainable: memberMean(raw.trainable, spec.members),
  }),
});

/** The cross-entropy divided by n·K, as the squared error is, instead of by n. */
const lossOverClasses = faulty("loss-over-classes", {
  losses: (losses, spec) => losses.map((v) => v / spec.outputSize),
});

const PROBABILITIES =
  "categorical head: probabilities average the members' softmax; entropy = aleatoric + mutual information";

describe("the conformance suite catches categorical backends that", () => {
  it("average the members' logits instead of their probabilities", async () => {
    const run = runConformanceCase(PROBABILITIES, { backend: averagedLogits, tolerances: FLOAT64_TOLERANCES });
    await expect(run).rejects.toBeInstanceOf(ConformanceFailure);
    await expect(run).rejects.toThrow(/class probabilities/);
    await expect(
      runConformanceCase(
        "categorical head: forward pass matches the float64 reference (K logits, β·p on every logit)",
        {
          backend: averagedLogits,
          tolerances: FLOAT64_TOLERANCES,
        },
      ),
    ).rejects.toBeInstanceOf(ConformanceFailure);
  });

  it("divide the cross-entropy by n·K", async () => {
    await expect(
      runConformanceCase(
        "categorical head: 10 steps with decoupled weight decay match the reference (loss ÷ n, not n·K)",
        { backend: lossOverClasses, tolerances: FLOAT64_TOLERANCES },
      ),
    ).rejects.toThrow(/loss history/);
  });

  it("while the real backend passes the same cases, and the faults leave training itself alone", async () => {
    await runConformanceCase(PROBABILITIES, { backend: matrixBackend, tolerances: FLOAT64_TOLERANCES });
    await runConformanceCase("categorical head: one Adam step matches the reference", {
      backend: averagedLogits,
      tolerances: FLOAT64_TOLERANCES,
    });
  });
});
