import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/contract.js";
import { createDataset } from "../data/dataset.js";
import { oneHot } from "../data/one-hot.js";
import { InvalidArgumentError } from "../errors.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

/**
 * The recording backend, declaring the categorical head, whose member m predicts the logits
 * [x·(m + 1), 0] for each scalar input x (prior part 0).
 */
function classBackend(): { backend: Backend; prepared: Float32Array[] } {
  const { backend } = recordingBackend();
  const prepared: Float32Array[] = [];
  return {
    prepared,
    backend: {
      ...backend,
      capabilities: { ...backend.capabilities, heads: ["mse", "categorical"] },
      createEnsemble: async (init) => {
        const handle = await backend.createEnsemble(init);
        return {
          ...handle,
          prepareTraining: async (data, weights) => {
            prepared.push(data.y);
            await handle.prepareTraining(data, weights);
          },
          predict: async (x) => {
            const members = init.spec.members;
            const logits = new Float32Array(members * x.length * 2);
            for (let m = 0; m < members; m++)
              for (let i = 0; i < x.length; i++) logits[(m * x.length + i) * 2] = x[i]! * (m + 1);
            return { members: logits, prior: new Float32Array(logits.length), trainable: logits };
          },
        };
      },
    },
  };
}

const spec = { members: 2, outputSize: 2, head: "categorical", epochs: 1 } as const;

describe("Ensemble with the categorical head", () => {
  it("predicts classes from the members' logits, averaging probabilities", async () => {
    const ensemble = await Ensemble.create(spec, { backend: classBackend().backend });
    const prediction = await ensemble.predictClasses([1, 0]);
    expect(prediction).toMatchObject({ memberCount: 2, n: 2, classCount: 2 });
    const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));
    expect(prediction.probabilities[0]).toBeCloseTo((sigmoid(1) + sigmoid(2)) / 2, 6);
    expect(Array.from(prediction.probabilities.subarray(2))).toEqual([0.5, 0.5]);
    expect(Array.from(prediction.predictedClass)).toEqual([0, 0]);
  });

  it("refuses predict on a categorical ensemble and predictClasses on a regression one (field head)", async () => {
    const { backend } = classBackend();
    const classes = await Ensemble.create(spec, { backend });
    await expect(classes.predict([1])).rejects.toThrow(/head is "categorical": use predictClasses/);
    await expect(classes.predict([1])).rejects.toMatchObject({ details: { field: "head" } });
    const regression = await Ensemble.create({ members: 2 }, { backend });
    await expect(regression.predictClasses([1])).rejects.toThrow(/predictClasses needs head "categorical"; .* "mse"/);
    await expect(regression.predictClasses([1])).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("trains on one-hot targets and refuses any other y before the backend sees it", async () => {
    const { backend, prepared } = classBackend();
    const ensemble = await Ensemble.create(spec, { backend });
    await ensemble.fit(createDataset([0, 1, 2], oneHot([0, 1, 1], 2), 1, 2));
    expect(prepared).toEqual([oneHot([0, 1, 1], 2)]);
    await expect(ensemble.fit(createDataset([0, 1], [1, 0, 0.5, 0.5], 1, 2))).rejects.toThrow(/y row 1 is not one-hot/);
    await expect(
      ensemble.fit(createDataset([0, 1], [1, 0, 1, 0], 1, 2), { validation: { fraction: 0.5 } }),
    ).rejects.toThrow(/validation split is not available with head "categorical"/);
    expect(prepared.length).toBe(1);
  });
});
