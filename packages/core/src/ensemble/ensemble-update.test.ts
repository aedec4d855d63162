import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { bootstrapWeights, onlineBootstrapWeights } from "../members/bootstrap-weights.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

const first = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);
const rows = (values: number[]) =>
  createDataset(
    values,
    values.map((v) => 2 * v + 1),
  );

describe("Ensemble.update", () => {
  it("appends the rows and their online weights, and trains on all of them; a backend that cannot append prepares every row", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, epochs: 3, standardize: "none" }, { backend });
    await ensemble.fit(first);
    const history = await ensemble.update(rows([4, 5, 6]), { epochs: 2 });
    await ensemble.update(rows([7]));
    const last = calls.prepared.at(-1)!;
    expect(last.data.n).toBe(8);
    expect(Array.from(last.data.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(last.exampleWeights).toEqual(bootstrapWeights(ensemble.spec, 8, 4));
    expect(history).toMatchObject({ startEpoch: 3, epochs: 2 });
    // Default: one epoch per update.
    expect(calls.trained.reduce((a, b) => a + b, 0)).toBe(6);
    expect(ensemble.training).toMatchObject({ epochs: 6, examples: 8 });
  });

  it("hands a backend that appends only the new rows and their weights, never all rows again", async () => {
    const { backend, calls } = recordingBackend({ append: true });
    const ensemble = await Ensemble.create({ members: 2, epochs: 3, standardize: "none" }, { backend });
    await ensemble.fit(first);
    await ensemble.update(rows([4, 5, 6]), { epochs: 2 });
    await ensemble.update(rows([7]), { epochs: 0 });
    expect(calls.prepared).toHaveLength(1);
    expect(calls.appended.map((call) => Array.from(call.rows.x))).toEqual([[4, 5, 6], [7]]);
    expect(calls.appended[0]!.exampleWeights).toEqual(onlineBootstrapWeights(ensemble.spec, 4, 3));
    expect(calls.appended[1]!.exampleWeights).toEqual(onlineBootstrapWeights(ensemble.spec, 7, 1));
    expect(ensemble.training).toMatchObject({ epochs: 5, examples: 8 });
  });

  it("after an update refused once its rows were appended (standardised to a non-finite value), the next appends to the rows held before", async () => {
    const { backend, calls } = recordingBackend({ append: true });
    const ensemble = await Ensemble.create({ members: 2, epochs: 1, standardize: "xy" }, { backend });
    // x's standard deviation is about 0.11: 3e38 standardises beyond float32's range.
    await ensemble.fit(createDataset([0, 0.1, 0.2, 0.3], [1, 3, 5, 7]));
    await expect(ensemble.update(createDataset([3e38], [1]))).rejects.toMatchObject({ name: "DataError" });
    await ensemble.update(createDataset([0.4], [9]), { epochs: 0 });
    expect(calls.appended).toHaveLength(1);
    expect(calls.appended[0]!.rows.n).toBe(1);
    expect(ensemble.training).toMatchObject({ examples: 5 });
    const { mean } = await ensemble.predict([0]);
    expect(Number.isFinite(mean[0])).toBe(true);
  });

  it("on a new ensemble starts at row 0 with online weights", async () => {
    const { backend, calls } = recordingBackend();
    const ensemble = await Ensemble.create({ members: 2, standardize: "none" }, { backend });
    await ensemble.update(rows([1, 2]), { epochs: 1 });
    await ensemble.update(rows([3]), { epochs: 1 });
    expect(calls.prepared.at(-1)!.exampleWeights).toEqual(bootstrapWeights(ensemble.spec, 3, 0));
  });

  it("refuses an inference-only backend, per-member targets on some rows only and an aborted signal, changing nothing", async () => {
    const { backend } = recordingBackend();
    const inferenceOnly = { ...backend, capabilities: { ...backend.capabilities, train: false } };
    const onnxLike = await Ensemble.create({ members: 2 }, { backend: inferenceOnly });
    await expect(onnxLike.update(rows([1]))).rejects.toMatchObject({ name: "UnsupportedError" });
    const ensemble = await Ensemble.create({ members: 2, epochs: 1 }, { backend });
    await ensemble.fit(first);
    await expect(ensemble.update({ ...rows([1]), yByMember: Float32Array.of(1, 2) })).rejects.toMatchObject({
      name: "InvalidArgumentError",
      details: { field: "yByMember" },
    });
    const aborted = new AbortController();
    aborted.abort();
    await expect(ensemble.update(rows([1]), { signal: aborted.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(ensemble.training).toMatchObject({ epochs: 1, examples: 4 });
  });
});
