import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { InvalidArgumentError, ShapeError } from "../errors.js";
import type { TrainingCheckpoint } from "../io/checkpoint.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

const data = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);

async function checkpointedRun(every: number) {
  const { backend, calls } = recordingBackend();
  const ensemble = await Ensemble.create({ members: 2, epochs: 10, standardize: "xy" }, { backend });
  const saved: TrainingCheckpoint[] = [];
  const targets: number[] = [];
  await ensemble.fit(data, {
    checkpoint: { every, save: (checkpoint) => void saved.push(checkpoint), meta: { source: "test" } },
    onProgress: (progress) => targets.push(progress.targetEpoch),
  });
  return { ensemble, report: ensemble.training!, saved, targets, calls };
}

describe("Ensemble checkpoints", () => {
  it("pauses every `every` epochs to hand over a checkpoint of the whole run so far", async () => {
    const { report, saved, targets, calls } = await checkpointedRun(4);
    expect(calls.prepared).toHaveLength(1);
    expect(calls.trained.reduce((a, b) => a + b, 0)).toBe(10);
    expect(saved.map((c) => c.state.epoch)).toEqual([4, 8]);
    expect(saved.map((c) => c.lossHistory.length)).toEqual([8, 16]);
    expect(saved[1]!).toMatchObject({ targetEpochs: 10, meta: { source: "test" } });
    expect(saved[1]!.data).toMatchObject({ n: 4, inputSize: 1, outputSize: 1 });
    expect(saved[1]!.standardizer.yMean).toEqual([4]);
    expect(new Set(targets)).toEqual(new Set([10]));
    expect(report.epochs).toBe(10);
    expect(report.meanLossHistory).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("resumes from a checkpoint: the rest of the run, then the same report as an uninterrupted run", async () => {
    const { report, saved } = await checkpointedRun(4);
    const { backend, calls } = recordingBackend();
    const resumed = await Ensemble.fromCheckpoint(saved[0]!, { backend });
    expect(calls.init!.state).toBe(saved[0]!.state);
    const history = await resumed.fit(data);
    expect(history).toMatchObject({ startEpoch: 4, epochs: 6 });
    expect(calls.trained.reduce((a, b) => a + b, 0)).toBe(6);
    expect(calls.prepared[0]!.data.y).toEqual(Float32Array.from([-3, -1, 1, 3].map((v) => v / Math.sqrt(5))));
    expect(resumed.training!.epochs).toBe(10);
    expect(resumed.training!.meanLossHistory).toEqual(report.meanLossHistory);
  });

  it("refuses to resume on different data, naming both", async () => {
    const { saved } = await checkpointedRun(4);
    const resumed = await Ensemble.fromCheckpoint(saved[0]!, { backend: recordingBackend().backend });
    const other = createDataset([0, 1, 2, 3], [1, 3, 5, 8]);
    await expect(resumed.fit(other)).rejects.toThrow(InvalidArgumentError);
    await expect(resumed.fit(other)).rejects.toThrow(/the data differs from the data the checkpoint was trained on/);
  });

  it("refuses an interval that is not a whole number >= 1, and an inconsistent checkpoint", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, epochs: 3 }, { backend });
    for (const every of [0, 1.5, Number.NaN]) {
      await expect(ensemble.fit(data, { checkpoint: { every, save: () => undefined } })).rejects.toThrow(
        /checkpoint.every must be a whole number >= 1/,
      );
    }
    const { saved } = await checkpointedRun(4);
    const broken = { ...saved[0]!, lossHistory: new Float32Array(3) };
    await expect(Ensemble.fromCheckpoint(broken, { backend })).rejects.toThrow(ShapeError);
  });
});
