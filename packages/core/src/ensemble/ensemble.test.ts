import { afterEach, describe, expect, it } from "vitest";
import { registerBackend, unregisterBackend } from "../backend/registry.js";
import { createDataset } from "../data/dataset.js";
import { AbortedError, DataError, NonFiniteOutputError, ShapeError, UnsupportedError } from "../errors.js";
import { decodeModel, encodeModel } from "../io/model-file.js";
import { bootstrapWeights } from "../members/bootstrap-weights.js";
import { initEnsembleParams } from "../members/params.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

const data = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);

describe("Ensemble", () => {
  afterEach(() => unregisterBackend("recording"));

  it("hands the backend the resolved spec and core's initial parameters", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 3, seed: 5 }, { backend });
    expect(calls.init!.spec).toEqual(ensemble.spec);
    expect(calls.init!.params).toEqual(initEnsembleParams(ensemble.spec));
    expect(ensemble.backend).toBe("recording");
    expect(ensemble.device).toBe("cpu");
  });

  it("refuses a head the backend does not compute, naming the heads it does", async () => {
    const { backend } = recordingBackend();
    await expect(Ensemble.create({ head: "gaussian" }, { backend })).rejects.toThrow(
      /does not compute the "gaussian" head \(it computes: mse\)/,
    );
    registerBackend(backend);
    await expect(Ensemble.create({ head: "gaussian" }, { backend: "recording" })).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });

  it("fits with the spec's bootstrap weights and epochs, and accumulates epochs over calls", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, epochs: 4 }, { backend });
    const history = await ensemble.fit(data);
    expect(calls.prepared[0]!.exampleWeights).toEqual(bootstrapWeights(ensemble.spec, 4));
    expect(calls.trained.reduce((a, b) => a + b, 0)).toBe(4);
    expect(history).toMatchObject({ startEpoch: 0, epochs: 4 });
    expect(history.loss).toEqual(Float32Array.of(1, 1, 2, 2, 3, 3, 4, 4));
    expect(history.finalLosses).toEqual(Float64Array.of(0.25, 0.25));
    const report = ensemble.training!;
    expect(report).toMatchObject({ backend: "recording", device: "cpu", epochs: 4, examples: 4 });
    expect(report.finalLosses).toEqual([0.25, 0.25]);
    expect(report.meanLossHistory).toEqual([1, 2, 3, 4]);
    const again = await ensemble.fit(data, { epochs: 3 });
    // Each call returns its own history; the ensemble keeps the whole run's.
    expect(again).toMatchObject({ startEpoch: 4, epochs: 3 });
    expect(again.loss).toEqual(Float32Array.of(5, 5, 6, 6, 7, 7));
    expect(ensemble.training!.epochs).toBe(7);
    expect(ensemble.lossHistory).toEqual(Float32Array.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7));
  });

  it("after an abort, its record and report say exactly what the model holds", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, epochs: 1_000_000 }, { backend });
    const controller = new AbortController();
    const fit = ensemble.fit(data, {
      signal: controller.signal,
      progressEvery: 3,
      onProgress: () => controller.abort(),
    });
    await expect(fit).rejects.toBeInstanceOf(AbortedError);
    expect(ensemble.lossHistory).toEqual(Float32Array.of(1, 1, 2, 2, 3, 3));
    expect(ensemble.training).toMatchObject({ epochs: 3, finalLosses: [0.25, 0.25], meanLossHistory: [1, 2, 3] });
    // Stopped before it starts: an AbortedError, and no report of training that never happened.
    const fresh = await Ensemble.create({ members: 2 }, { backend: recordingBackend().backend });
    await expect(fresh.fit(data, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(fresh.training).toBeNull();
  });

  it("standardises data for the backend and predicts in the data's units", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, standardize: "xy" }, { backend });
    await ensemble.fit(data);
    const sent = calls.prepared[0]!.data;
    expect(Array.from(sent.x).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    expect(Array.from(sent.y).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 6);
    const prediction = await ensemble.predict([1.5]);
    // x = 1.5 is the mean of x, so the backend sees 0; members answer 0 and 1 in standardised
    // units, i.e. y's mean 4 and 4 + sd(y) = 4 + sqrt(5).
    expect(calls.predicted[0]![0]).toBeCloseTo(0, 6);
    expect(prediction.members[0]).toBeCloseTo(4, 5);
    expect(prediction.members[1]).toBeCloseTo(4 + Math.sqrt(5), 5);
    expect(prediction.prior[1]).toBeCloseTo(Math.sqrt(5), 5);
    expect(prediction.std[0]).toBeCloseTo(Math.sqrt(5) / 2, 5);
  });

  it("rejects data and inputs of the wrong shape", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, inputSize: 2 }, { backend });
    await expect(ensemble.fit(data)).rejects.toThrow(ShapeError);
    await expect(ensemble.predict([1, 2, 3])).rejects.toThrow(/positive multiple of the input width 2/);
    await expect(ensemble.predict([])).rejects.toThrow(ShapeError);
    await expect(ensemble.predict([1, Number.NaN])).rejects.toThrow(DataError);
    await expect(ensemble.predict([1, Number.NaN])).rejects.toThrow(/x row 0 holds a non-finite value \(NaN\)/);
  });

  it("refuses a prediction with an output beyond float32, naming the rows (every predict path checks)", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, standardize: "xy" }, { backend });
    // y's spread of 2e30 scales every standardised output by about 1e30, so x far from the data overflows.
    await ensemble.fit(createDataset([0, 1, 2, 3], [-1e30, -1e30, 1e30, 1e30]));
    const finite = await ensemble.predict([1.5, 3]);
    expect(Array.from(finite.mean).every(Number.isFinite)).toBe(true);
    const refusal = ensemble.predict([1.5, 1e10, 3, -1e10]);
    await expect(refusal).rejects.toThrow(NonFiniteOutputError);
    await expect(ensemble.predict([1.5, 1e10, 3, -1e10])).rejects.toMatchObject({
      rows: [1, 3],
      message: expect.stringMatching(
        /^the ensemble's outputs at input rows 2 \(x = 10000000000\), 4 \(x = -10000000000\) are not finite/,
      ),
    });
  });

  it("resolves a backend by name from the registry", async () => {
    const { backend } = recordingBackend();
    registerBackend(backend);
    const ensemble = await Ensemble.create({ members: 1 }, { backend: "recording:cpu" });
    expect(ensemble.backend).toBe("recording");
  });

  it("round-trips through a model file", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, standardize: "x", epochs: 2 }, { backend });
    await ensemble.fit(data);
    ensemble.setColumns({ x: ["x"], y: "y" });
    const model = decodeModel(encodeModel(await ensemble.toModel()));
    const second = recordingBackend();
    const restored = await Ensemble.fromModel(model, { backend: second.backend });
    expect(second.calls.init!.params).toEqual(initEnsembleParams(ensemble.spec));
    expect(await restored.toModel()).toEqual(await ensemble.toModel());
    expect(await restored.predict([2])).toEqual(await ensemble.predict([2]));
    await restored.dispose();
    expect(second.calls.disposed).toBe(true);
  });
});
