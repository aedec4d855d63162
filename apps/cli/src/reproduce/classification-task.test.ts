import {
  CLASSIFICATION_ABLATION,
  classificationRunSpec,
  makeClassification2d,
  planeGrid,
  resolveEnsembleSpec,
  ringPoints,
} from "@rpf/core";
import { describe, expect, it } from "vitest";
import classificationTask from "./classification-task.js";

describe("one cell of the classification ablation", () => {
  it("gives the same bytes from the same seed, and MI within [0, ln 2]", async () => {
    const data = makeClassification2d("xor", { n: 40, seed: 3, noise: 0.1 });
    const task = {
      spec: resolveEnsembleSpec({
        ...classificationRunSpec(CLASSIFICATION_ABLATION, CLASSIFICATION_ABLATION.cells[0]!, 20),
        members: 3,
      }),
      backend: "matrix",
      x: data.x,
      classIndex: data.classIndex,
      plane: planeGrid(16, 5),
      ring: ringPoints(15, 12),
    };
    const first = await classificationTask(task);
    const second = await classificationTask(task);
    expect(Buffer.from(second.planeProbability.buffer)).toEqual(Buffer.from(first.planeProbability.buffer));
    expect(Buffer.from(second.planeMutualInformation.buffer)).toEqual(Buffer.from(first.planeMutualInformation.buffer));
    expect([second.meanMiOnData, second.meanMiOnRing, second.trainingAccuracy]).toEqual([
      first.meanMiOnData,
      first.meanMiOnRing,
      first.trainingAccuracy,
    ]);
    for (const mi of first.planeMutualInformation) expect(mi).toBeGreaterThanOrEqual(0);
    for (const mi of first.planeMutualInformation) expect(mi).toBeLessThanOrEqual(Math.LN2 + 1e-6);
    expect(first.planeProbability.length).toBe(25);
  }, 60_000);
});
