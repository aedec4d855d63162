import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { Ensemble } from "../ensemble/ensemble.js";
import { decodeModel, encodeModel } from "../io/model-file.js";
import { searchGrid } from "../tuning/grid-search.js";
import { scriptedBackend } from "./scripted-backend.fixture.js";
import { splitValidation } from "./split.js";

const rows = 20;
const data = (y: number) =>
  createDataset(
    Array.from({ length: rows }, (_, i) => i),
    new Array(rows).fill(y),
  );
const spec = { members: 2, epochs: 30, seed: 3, trainable: { hiddenSizes: [] }, prior: { hiddenSizes: [] } };

describe("Ensemble.fit with a validation split", () => {
  it("trains only on the rows not held out, stops after `patience` epochs without improvement and restores the best epoch", async () => {
    const { backend, prepared } = scriptedBackend(6);
    const ensemble = await Ensemble.create({ ...spec, priorScale: 0 }, { backend });
    const history = await ensemble.fit(data(0.5), { validation: { fraction: 0.2, patience: 3 } });
    const held = splitValidation(data(0.5), 0.2, spec.seed).validationRows;
    const trainedOn = new Set(prepared[0]!.x);
    expect(prepared[0]!.n).toBe(16);
    for (const row of held) expect(trainedOn.has(row)).toBe(false);
    // Validation MSE of mean |p − 6| + 0.5 against 0.5 is (p − 6)²: best at 6, stop at 6 + 3.
    expect(ensemble.training!.validation).toEqual({
      fraction: 0.2,
      count: 4,
      metric: "mse",
      every: 1,
      patience: 3,
      bestEpoch: 6,
      score: 0,
      stoppedEpoch: 9,
    });
    expect(history.epochs).toBe(6);
    expect(ensemble.lossHistory.length).toBe(6 * 2);
    expect(ensemble.training!.epochs).toBe(6);
    expect(ensemble.training!.examples).toBe(16);
    const model = await ensemble.toModel();
    expect(new Set(model.params.trainable)).toEqual(new Set([6]));
    // The restored ensemble predicts from the best epoch's parameters.
    expect(Array.from((await ensemble.predict([1])).mean)).toEqual([0.5]);
    const decoded = decodeModel(encodeModel(model));
    expect(decoded.training!.validation).toEqual(ensemble.training!.validation);
  });

  it("without patience trains every epoch and scores the end", async () => {
    const { backend } = scriptedBackend(6);
    const ensemble = await Ensemble.create({ ...spec, priorScale: 0, epochs: 8 }, { backend });
    await ensemble.fit(data(0.5), { validation: { fraction: 0.2 } });
    expect(ensemble.training!.validation).toMatchObject({ bestEpoch: 8, stoppedEpoch: 8, score: 4, patience: null });
  });

  it("fits std-scaling on the held-out rows, stores it, and scales the std predict reports", async () => {
    const { backend } = scriptedBackend(6);
    const ensemble = await Ensemble.create({ ...spec, priorScale: 0, epochs: 6 }, { backend });
    await ensemble.fit(data(3), { validation: { fraction: 0.2, calibrate: "std-scaling" } });
    // Mean 0.5 and std 0.5 (two members 0 and 1) against y = 3: s = |3 − 0.5| / 0.5 = 5.
    expect(ensemble.calibration).toEqual({ kind: "std-scaling", count: 4, factors: [5] });
    const prediction = await ensemble.predict([0]);
    expect(Array.from(prediction.std)).toEqual([2.5]);
    expect(Array.from(prediction.epistemicStd)).toEqual([2.5]);
    const decoded = decodeModel(encodeModel(await ensemble.toModel()));
    expect(decoded.calibration).toEqual(ensemble.calibration);
    const reloaded = await Ensemble.fromModel(decoded, { backend });
    expect(Array.from((await reloaded.predict([0])).std)).toEqual([2.5]);
  });

  it("stores conformal scores, and drops a calibration when trained again", async () => {
    const { backend } = scriptedBackend(6);
    const ensemble = await Ensemble.create({ ...spec, priorScale: 0, epochs: 6 }, { backend });
    await ensemble.fit(data(3), { validation: { fraction: 0.2, calibrate: "conformal" } });
    expect(ensemble.calibration).toEqual({ kind: "conformal", count: 4, scores: [[5, 5, 5, 5]] });
    await ensemble.fit(data(3), { epochs: 1 });
    expect(ensemble.calibration).toBeNull();
  });

  it("refuses validation with checkpoints", async () => {
    const { backend } = scriptedBackend(6);
    const ensemble = await Ensemble.create(spec, { backend });
    await expect(
      ensemble.fit(data(0), { validation: { fraction: 0.2 }, checkpoint: { every: 1, save: () => {} } }),
    ).rejects.toThrow(/cannot be combined with checkpoints/);
  });
});

describe("searchGrid", () => {
  it("trains every candidate with the same split and keeps the lowest validation score, listing all", async () => {
    const { backend } = scriptedBackend(6);
    // Mean |p − 6| + 0.5 + β against y = 1.5 at epoch 6: squared error (1 − β)².
    const { ensemble, report } = await searchGrid(
      { ...spec, epochs: 6 },
      data(1.5),
      { priorScale: [0, 1, 3] },
      { validation: { fraction: 0.2 } },
      { backend },
    );
    expect(report.candidates.map((c) => [c.priorScale, c.weightDecay, c.score])).toEqual([
      [0, 0, 1],
      [1, 0, 0],
      [3, 0, 4],
    ]);
    expect(report.chosen).toBe(1);
    expect(ensemble.spec.priorScale).toBe(1);
    expect(ensemble.training!.validation!.search).toEqual(report);
  });

  it("refuses an empty grid and a negative value", async () => {
    const { backend } = scriptedBackend(6);
    const search = (grid: { priorScale: number[] }) =>
      searchGrid(spec, data(0), grid, { validation: { fraction: 0.2 } }, { backend });
    await expect(search({ priorScale: [] })).rejects.toThrow(/the priorScale grid is empty/);
    await expect(search({ priorScale: [1, -1] })).rejects.toThrow(/holds -1; every value must be a finite number >= 0/);
  });
});

describe("searchGrid concurrency", () => {
  it("chooses the same candidate whether candidates train one at a time or all at once", async () => {
    const { backend } = scriptedBackend(6);
    const run = (concurrency: number) =>
      searchGrid(
        { ...spec, epochs: 6 },
        data(1.5),
        { priorScale: [3, 1, 0], weightDecay: [0, 0.1] },
        { validation: { fraction: 0.2 } },
        { backend, concurrency },
      );
    const [one, all] = [await run(1), await run(6)];
    expect(one.report).toEqual(all.report);
    expect(one.report.chosen).toBe(2);
    expect(one.report.candidates).toHaveLength(6);
    await expect(run(0)).rejects.toThrow(/concurrency must be a whole number >= 1, got 0/);
  });
});
