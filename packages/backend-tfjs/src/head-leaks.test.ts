import { type Dataset, Ensemble, type EnsembleSpecInput, makeToyData, oneHot } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { tfjsBackend } from "./index.js";

const toy = makeToyData({ seed: 5, n: 30 });

/** The toy inputs with two classes, y above or below 0.25, one-hot: the categorical head's targets. */
const toyClasses: Dataset = {
  ...toy,
  y: oneHot(
    Array.from(toy.y, (v) => (v > 0.25 ? 1 : 0)),
    2,
  ),
  outputSize: 2,
};

/*
 * The conformance leak case trains the "mse" head without decay; the other heads' ops
 * (gaussian-head-ops.ts, categorical-head-ops.ts) and the decay term (optimizer-ops.ts) are
 * other tensors in other tf.tidy scopes, so the same check runs here on them: the live tensor
 * count stays the same between epochs (minibatches, so the per-step tidies are exercised too) and
 * returns to its starting value once the ensemble is disposed.
 */
const cases = [
  { head: "gaussian", data: toy, outputSize: 1, predict: "predict" },
  { head: "categorical", data: toyClasses, outputSize: 2, predict: "predictClasses" },
] as const;

describe.each(["cpu", "wasm"] as const)("tfjs:%s", (device) => {
  it.each(cases)(
    "the $head head with weight decay leaks no tensors across fit, predict and dispose",
    async (head) => {
      const spec: EnsembleSpecInput = {
        members: 3,
        head: head.head,
        outputSize: head.outputSize,
        weightDecay: 0.1,
        batchSize: 8,
        epochs: 9,
        trainable: { hiddenSizes: [8, 8] },
        optimizer: { kind: "adam", clipNorm: 1 },
        seed: 4,
      };
      // tf.memory() needs an active tfjs backend: starting (and closing) one ensemble selects it.
      await (await Ensemble.create(spec, { backend: tfjsBackend, device })).dispose();
      const before = tf.memory().numTensors;
      const ensemble = await Ensemble.create(spec, { backend: tfjsBackend, device });
      const duringTraining = new Set<number>();
      for (let round = 0; round < 3; round++) {
        await ensemble[head.predict]([0.1, 0.5, 3]);
        await ensemble.fit(head.data, {
          progressEvery: 3,
          onProgress: () => duringTraining.add(tf.memory().numTensors),
        });
      }
      await ensemble.dispose();
      expect(duringTraining.size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    },
    60_000,
  );
});
