import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/contract.js";
import { createDataset, type Dataset } from "../data/dataset.js";
import { memoryRowSource, type RowSource } from "../data/row-source.js";
import { AbortedError, DataError, InvalidArgumentError, ShapeError, UnsupportedError } from "../errors.js";
import { onlineBootstrapWeights } from "../members/bootstrap-weights.js";
import { streamChunkOrder } from "../members/stream-order.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { Ensemble } from "./ensemble.js";
import { recordingBackend } from "./recording-backend.fixture.js";

interface ChunkCall {
  chunk: Dataset;
  weights: Float32Array;
  order: Uint32Array;
}

/** recordingBackend whose handles train chunks: member m's Σ count·loss for a chunk of n rows is n·(m + 1). */
function chunkBackend(onChunk?: (call: ChunkCall) => void) {
  const recording = recordingBackend();
  const chunks: ChunkCall[] = [];
  const backend: Backend = {
    ...recording.backend,
    async createEnsemble(init, options) {
      const handle = await recording.backend.createEnsemble(init, options);
      return {
        ...handle,
        trainChunk: async (chunk, weights, order) => {
          chunks.push({ chunk, weights, order });
          onChunk?.({ chunk, weights, order });
          return Float64Array.from({ length: init.spec.members }, (_, m) => chunk.n * (m + 1));
        },
      };
    },
  };
  return { backend, chunks, calls: recording.calls };
}

const SPEC = { members: 2, seed: 5, epochs: 2, standardize: "none" as const, bootstrap: { kind: "poisson" as const } };
const data = createDataset(
  Array.from({ length: 10 }, (_, i) => i / 10),
  Array.from({ length: 10 }, (_, i) => (i * i) / 100),
);

describe("Ensemble.fitStream", () => {
  it("trains chunks of chunkRows rows with online weights and orders keyed by (member, epoch, chunk)", async () => {
    const { backend, chunks } = chunkBackend();
    const ensemble = await Ensemble.create(SPEC, { backend });
    const history = await ensemble.fitStream(memoryRowSource(data, 3), { chunkRows: 4 });
    const spec = resolveEnsembleSpec(SPEC);
    expect(chunks.map((c) => c.chunk.n)).toEqual([4, 4, 2, 4, 4, 2]);
    chunks.forEach(({ chunk, weights, order }, k) => {
      const epoch = Math.floor(k / 3);
      const index = k % 3;
      const firstRow = index * 4;
      expect(Array.from(chunk.x)).toEqual(Array.from(data.x.subarray(firstRow, firstRow + chunk.n)));
      expect(weights).toEqual(onlineBootstrapWeights(spec, firstRow, chunk.n));
      for (let m = 0; m < 2; m++) {
        expect(order.subarray(m * chunk.n, (m + 1) * chunk.n)).toEqual(
          streamChunkOrder(spec.seed, m, epoch, index, chunk.n),
        );
      }
    });
    // Epoch loss: Σ over chunks of n·(m + 1), divided by the 10 rows.
    expect(Array.from(history.loss)).toEqual([1, 2, 1, 2]);
    expect(history.epochs).toBe(2);
    expect(ensemble.training?.epochs).toBe(2);
    expect(ensemble.training?.examples).toBe(10);
    // Final losses: one more pass, each chunk's finalLosses (0.25) weighted by its rows.
    expect(Array.from(history.finalLosses)).toEqual([0.25, 0.25]);
  });

  it('gives "resample" rows their Poisson(1) online weights', async () => {
    const { backend, chunks } = chunkBackend();
    const ensemble = await Ensemble.create({ ...SPEC, bootstrap: { kind: "resample" } }, { backend });
    await ensemble.fitStream(memoryRowSource(data), { epochs: 1 });
    const poisson = resolveEnsembleSpec(SPEC);
    expect(chunks[0]!.weights).toEqual(onlineBootstrapWeights(poisson, 0, 10));
  });

  it("refuses a backend whose handle cannot train chunks, naming the one that can", async () => {
    const { backend } = recordingBackend();
    const ensemble = await Ensemble.create(SPEC, { backend });
    const error = await ensemble.fitStream(memoryRowSource(data)).catch((e: unknown) => e);
    expect(UnsupportedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('use backend "matrix"');
  });

  it.each([
    [{ validation: { fraction: 0.2 } }, "validation split"],
    [{ checkpoint: { every: 1, save: () => {} } }, "checkpoints"],
    [{ chunkRows: 0 }, "chunkRows must be a whole number >= 1"],
    [{ epochs: 1.5 }, "epochs must be a whole number >= 1"],
  ])("refuses %o with InvalidArgumentError", async (options, message) => {
    const { backend, chunks } = chunkBackend();
    const ensemble = await Ensemble.create(SPEC, { backend });
    const error = await ensemble.fitStream(memoryRowSource(data), options as never).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(message);
    expect(chunks).toHaveLength(0);
  });

  it("refuses an input transform, whose λ needs every row in memory, before reading a chunk", async () => {
    const { backend, chunks } = chunkBackend();
    const ensemble = await Ensemble.create({ ...SPEC, inputTransform: "yeo-johnson" }, { backend });
    const error = await ensemble.fitStream(memoryRowSource(data)).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('cannot use inputTransform "yeo-johnson"');
    expect(chunks).toHaveLength(0);
  });

  it("refuses a source of the wrong widths, a non-finite value by its row, and a wrong row count", async () => {
    const { backend } = chunkBackend();
    const ensemble = await Ensemble.create(SPEC, { backend });
    const wide: RowSource = { ...memoryRowSource(data), inputSize: 2 };
    expect(ShapeError.isInstance(await ensemble.fitStream(wide).catch((e: unknown) => e))).toBe(true);
    const x = data.x.slice();
    x[7] = Number.NaN;
    const bad = await ensemble.fitStream(memoryRowSource({ ...data, x }, 3), { chunkRows: 4 }).catch((e: unknown) => e);
    expect(DataError.isInstance(bad)).toBe(true);
    expect((bad as Error).message).toContain("x row 7 holds a non-finite value");
    const short: RowSource = { ...memoryRowSource(data), rows: 11 };
    const count = await ensemble.fitStream(short).catch((e: unknown) => e);
    expect(DataError.isInstance(count)).toBe(true);
    expect((count as Error).message).toContain("promised 11 rows and gave 10");
  });

  it("stops at an abort between chunks, recording only the epochs completed", async () => {
    const controller = new AbortController();
    const { backend } = chunkBackend(() => {
      if (controller.signal.aborted === false && ++seen === 4) controller.abort();
    });
    let seen = 0;
    const ensemble = await Ensemble.create(SPEC, { backend });
    const error = await ensemble
      .fitStream(memoryRowSource(data), { chunkRows: 4, epochs: 3, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("during epoch 2; 1 epochs are complete");
    expect(ensemble.lossHistory).toHaveLength(2);
    expect(ensemble.training?.epochs).toBe(1);
  });
});
