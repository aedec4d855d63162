import { Ensemble, makeToyData } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { tfjsBackend } from "./index.js";

/*
 * The conformance leak case trains the "mse" head without decay; the Gaussian head's ops
 * (gaussian-head-ops.ts) and the decay term (optimizer-ops.ts) are other tensors in other
 * tf.tidy scopes, so the same check runs here on them: the live tensor count stays the same
 * between epochs (minibatches, so the per-step tidies are exercised too) and returns to its
 * starting value once the ensemble is disposed.
 */
describe.each(["cpu", "wasm"] as const)("tfjs:%s, Gaussian head with weight decay", (device) => {
  it("leaks no tensors across fit, predict and dispose", async () => {
    const data = makeToyData({ seed: 5, n: 30 });
    const spec = {
      members: 3,
      head: "gaussian",
      weightDecay: 0.1,
      batchSize: 8,
      epochs: 9,
      trainable: { hiddenSizes: [8, 8] },
      optimizer: { kind: "adam", clipNorm: 1 },
      seed: 4,
    } as const;
    // tf.memory() needs an active tfjs backend: starting (and closing) one ensemble selects it.
    await (await Ensemble.create(spec, { backend: tfjsBackend, device })).dispose();
    const before = tf.memory().numTensors;
    const ensemble = await Ensemble.create(spec, { backend: tfjsBackend, device });
    const duringTraining = new Set<number>();
    for (let round = 0; round < 3; round++) {
      await ensemble.predict([0.1, 0.5, 3]);
      await ensemble.fit(data, { progressEvery: 3, onProgress: () => duringTraining.add(tf.memory().numTensors) });
    }
    await ensemble.dispose();
    expect(duringTraining.size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
