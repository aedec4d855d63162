import { bootstrapWeights, initEnsembleParams, linspace, makeToyData, resolveEnsembleSpec } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "../index.js";
import { createParallelMatrixBackend, splitMembers } from "../node.js";

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

describe("matrix on worker threads", () => {
  it("splits members into even contiguous groups", () => {
    expect(splitMembers(9, 2)).toEqual([
      { offset: 0, count: 5 },
      { offset: 5, count: 4 },
    ]);
    expect(splitMembers(3, 3)).toEqual([
      { offset: 0, count: 1 },
      { offset: 1, count: 1 },
      { offset: 2, count: 1 },
    ]);
  });

  it.each([2, 3])(
    "gives bit-identical parameters and predictions to one thread (%i threads, minibatches)",
    async (threads) => {
      const spec = resolveEnsembleSpec({ members: 5, batchSize: 16, epochs: 40, seed: 4 });
      const data = makeToyData({ seed: 1, n: 50 });
      const run = async (backend: typeof matrixBackend) => {
        const handle = await backend.createEnsemble({ spec, params: initEnsembleParams(spec) });
        const fit = await handle.fit({
          data,
          exampleWeights: bootstrapWeights(spec, data.n),
          epochs: 40,
          progressEvery: 7,
        });
        const prediction = await handle.predict(linspace(-2, 2, 33));
        const params = await handle.params();
        await handle.dispose();
        return { fit, prediction, params };
      };
      const [single, parallel] = [await run(matrixBackend), await run(createParallelMatrixBackend(threads))];
      expect(bits(parallel.params.trainable)).toEqual(bits(single.params.trainable));
      expect(bits(parallel.prediction.members)).toEqual(bits(single.prediction.members));
      expect(parallel.fit.lossHistory).toEqual(single.fit.lossHistory);
      expect(parallel.fit.finalLosses).toEqual(single.fit.finalLosses);
    },
  );
});
