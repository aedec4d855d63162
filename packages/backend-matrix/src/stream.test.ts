import { type Backend, Ensemble, type EnsembleSpecInput, makeToyData, memoryRowSource } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { matrixBackend, matrixTypescriptBackend } from "./index.js";

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

const SPEC: EnsembleSpecInput = {
  members: 3,
  seed: 21,
  trainable: { hiddenSizes: [8, 8] },
  prior: { hiddenSizes: [8, 8] },
  bootstrap: { kind: "poisson" },
};

const data = makeToyData({ n: 120, seed: 4 });

async function streamed(backend: Backend, spec: EnsembleSpecInput, batchRows: number, chunkRows: number, epochs = 3) {
  const ensemble = await Ensemble.create(spec, { backend });
  const history = await ensemble.fitStream(memoryRowSource(data, batchRows), { epochs, chunkRows });
  const params = await ensemble.params();
  const model = await ensemble.toModel();
  await ensemble.dispose();
  return { history, params, model };
}

describe.each([
  ["wasm kernel", matrixBackend],
  ["TypeScript kernel", matrixTypescriptBackend],
])("fitStream on backend-matrix (%s)", (_, backend) => {
  it("gives the same bytes for the same seed, whatever batch sizes the source yields", async () => {
    const spec = { ...SPEC, batchSize: 16 };
    const a = await streamed(backend, spec, 7, 50);
    const b = await streamed(backend, spec, 120, 50);
    expect(bits(a.params.trainable)).toEqual(bits(b.params.trainable));
    expect(bits(a.history.loss)).toEqual(bits(b.history.loss));
    expect(a.model.standardizer).toEqual(b.model.standardizer);
    expect(a.history.loss.every(Number.isFinite)).toBe(true);
    // A different chunk size keys different minibatch orders: the bytes differ.
    const c = await streamed(backend, spec, 7, 40);
    expect(bits(c.params.trainable)).not.toEqual(bits(a.params.trainable));
  });

  it("keeps Adam's state across chunks and epochs: training lowers the loss", async () => {
    const { history } = await streamed(
      backend,
      { ...SPEC, batchSize: 16, optimizer: { kind: "adam", learningRate: 0.01 } },
      32,
      40,
      30,
    );
    const members = 3;
    const first = history.loss.slice(0, members);
    const last = history.loss.slice(-members);
    for (let m = 0; m < members; m++) expect(last[m]!).toBeLessThan(first[m]! * 0.5);
  });

  it("with one chunk, a full batch and no standardisation, equals fit on the same rows bit for bit", async () => {
    const spec = { ...SPEC, standardize: "none" as const };
    const stream = await streamed(backend, spec, 13, data.n, 4);
    const memory = await Ensemble.create(spec, { backend });
    const fitted = await memory.fit(data, { epochs: 4 });
    // Equal: the trained parameters (same weights, same full-batch steps, same Adam state).
    expect(bits(stream.params.trainable)).toEqual(bits((await memory.params()).trainable));
    // Related: the losses are the same numbers, the stream's taken as Σ n·loss / n.
    for (let i = 0; i < fitted.loss.length; i++) expect(stream.history.loss[i]).toBeCloseTo(fitted.loss[i]!, 6);
    for (let m = 0; m < 3; m++) expect(stream.history.finalLosses[m]).toBeCloseTo(fitted.finalLosses[m]!, 10);
    await memory.dispose();
  });

  it("with standardisation, fits a standardizer that agrees with fit's to 1e-12", async () => {
    const stream = await streamed(backend, { ...SPEC, standardize: "xy" }, 13, 50, 1);
    const memory = await Ensemble.create({ ...SPEC, standardize: "xy" }, { backend });
    await memory.fit(data, { epochs: 1 });
    const expected = (await memory.toModel()).standardizer;
    for (const key of ["xMean", "xScale", "yMean", "yScale"] as const) {
      stream.model.standardizer[key].forEach((value, c) => {
        expect(Math.abs(value - expected[key][c]!)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, Math.abs(expected[key][c]!)),
        );
      });
    }
    await memory.dispose();
  });
});
