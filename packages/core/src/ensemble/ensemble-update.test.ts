import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { bootstrapWeights } from "../members/bootstrap-weights.js";
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
