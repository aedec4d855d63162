import { linspace, makeToyData, resolveEnsembleSpec } from "@rpf/core";
import { bootstrapWeights, HandleSession, initEnsembleParams } from "@rpf/core/backend";
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
        const handle = await HandleSession.open(backend, { spec, params: initEnsembleParams(spec) });
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
      for (const part of ["members", "prior", "trainable"] as const)
        expect(bits(parallel.prediction[part])).toEqual(bits(single.prediction[part]));
      expect(parallel.fit.lossHistory).toEqual(single.fit.lossHistory);
      expect(parallel.fit.finalLosses).toEqual(single.fit.finalLosses);
    },
  );

  /*
   * Prediction splits the rows between the workers and hands each every member's weights, fetched
   * again after a fit: check uneven splits, fewer rows than threads, and a GELU prior, which the
   * workers predict in TypeScript.
   */
  it.each([
    { name: "9 members, 2 threads", members: 9, threads: 2, spec: {} },
    {
      name: "4 members, 3 threads, 2 inputs and outputs, a GELU prior",
      members: 4,
      threads: 3,
      spec: { inputSize: 2, outputSize: 2, prior: { hiddenSizes: [5], activation: "gelu" as const } },
    },
    {
      name: "3 members, 2 threads, the Gaussian head with 2 outputs (member variances too)",
      members: 3,
      threads: 2,
      spec: { inputSize: 2, outputSize: 2, head: "gaussian" as const },
    },
  ])("predicts bit-identically to one thread after a fit: $name", async ({ members, threads, spec: input }) => {
    const spec = resolveEnsembleSpec({ members, seed: 6, ...input });
    const { inputSize, outputSize } = spec;
    const wave = (count: number, phase: number) =>
      Float32Array.from({ length: count }, (_, i) => Math.sin(0.7 * i + phase));
    const data = { x: wave(30 * inputSize, 0), y: wave(30 * outputSize, 1), n: 30, inputSize, outputSize };
    const init = { spec, params: initEnsembleParams(spec) };
    const handles = await Promise.all([
      HandleSession.open(matrixBackend, init),
      HandleSession.open(createParallelMatrixBackend(threads), init),
    ]);
    for (const handle of handles) {
      await handle.predict(linspace(-1, 1, inputSize)); // the weights before the fit, which must not be kept
      await handle.fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: 20 });
    }
    for (const n of [1, 2, 1001]) {
      const x = linspace(-3, 3, n * inputSize);
      const [expected, actual] = [await handles[0]!.predict(x), await handles[1]!.predict(x)];
      for (const part of ["members", "prior", "trainable"] as const)
        expect(bits(actual[part])).toEqual(bits(expected[part]));
      expect(actual.variance === undefined).toBe(spec.head === "mse");
      if (expected.variance) expect(bits(actual.variance!)).toEqual(bits(expected.variance));
    }
    await Promise.all(handles.map((handle) => handle.dispose()));
  });
});
