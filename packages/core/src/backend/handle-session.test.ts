import { describe, expect, it } from "vitest";
import { createDataset } from "../data/dataset.js";
import { AbortedError, DivergenceError, InvalidArgumentError } from "../errors.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleHandle } from "./contract.js";
import { HandleSession } from "./handle-session.js";

const spec = resolveEnsembleSpec({ members: 3 });
const data = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);
const exampleWeights = new Float32Array(3 * 4).fill(1);

/** A handle whose member m has loss `lossOf(epoch, m)` in epoch `epoch` (counted from 1). */
function fakeHandle(lossOf: (epoch: number, member: number) => number = (e) => e) {
  let epoch = 0;
  const slices: number[] = [];
  const handle: EnsembleHandle = {
    backend: "fake",
    device: "cpu",
    prepareTraining: async () => {},
    trainEpochs: async (epochs) => {
      slices.push(epochs);
      const losses = Float64Array.from({ length: epochs * 3 }, (_, i) => lossOf(epoch + Math.floor(i / 3) + 1, i % 3));
      epoch += epochs;
      return losses;
    },
    finalLosses: async () => new Float64Array(3),
    predict: async () => ({ members: new Float32Array(0), prior: new Float32Array(0), trainable: new Float32Array(0) }),
    predictMember: async () => ({
      members: new Float32Array(0),
      prior: new Float32Array(0),
      trainable: new Float32Array(0),
    }),
    params: async () => ({ trainable: new Float32Array(0), prior: new Float32Array(0) }),
    trainingState: async () => ({ epoch, step: epoch, trainable: new Float64Array(0), slots: [] }),
    dispose: async () => {},
  };
  return { handle, slices };
}

describe("HandleSession: core's one fit loop", () => {
  it("reports progress at its cadence with every epoch's losses since the previous report", async () => {
    const session = new HandleSession(fakeHandle().handle, spec);
    const reports: { epoch: number; recent: number[] }[] = [];
    const result = await session.fit({
      data,
      exampleWeights,
      epochs: 7,
      progressEvery: 3,
      onProgress: (p) => reports.push({ epoch: p.epoch, recent: Array.from(p.recentLosses) }),
    });
    expect(reports).toEqual([
      { epoch: 3, recent: [1, 1, 1, 2, 2, 2, 3, 3, 3] },
      { epoch: 6, recent: [4, 4, 4, 5, 5, 5, 6, 6, 6] },
      { epoch: 7, recent: [7, 7, 7] },
    ]);
    expect(result.lossHistory).toHaveLength(21);
    expect(session.epoch).toBe(7);
  });

  it("runs stopCheck every `every` epochs and after the last, and stops where it says", async () => {
    const session = new HandleSession(fakeHandle().handle, spec);
    const checked: number[] = [];
    const result = await session.fit({
      data,
      exampleWeights,
      epochs: 20,
      stopCheck: { every: 4, at: (epoch) => checked.push(epoch) === 3 },
    });
    expect(checked).toEqual([4, 8, 12]);
    expect(result.epochsCompleted).toBe(12);
    expect(result.lossHistory).toHaveLength(12 * 3);
    expect(session.epoch).toBe(12);
    const last: number[] = [];
    await session.fit({
      data,
      exampleWeights,
      epochs: 5,
      stopCheck: { every: 4, at: (epoch) => last.push(epoch) < 0 },
    });
    expect(last).toEqual([16, 17]);
    await expect(
      session.fit({ data, exampleWeights, epochs: 1, stopCheck: { every: 0, at: () => false } }),
    ).rejects.toThrow(/stopCheck.every must be a whole number >= 1, got 0/);
  });

  it("with progressMs, also reports at the end of a slice once that much time has passed", async () => {
    const { handle } = fakeHandle();
    const slow: typeof handle = {
      ...handle,
      trainEpochs: async (epochs) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return handle.trainEpochs(epochs);
      },
    };
    const session = new HandleSession(slow, spec);
    const epochs: number[] = [];
    await session.fit({
      data,
      exampleWeights,
      epochs: 6,
      progressEvery: 100,
      progressMs: 0,
      onProgress: (p) => epochs.push(p.epoch),
    });
    expect(epochs.at(-1)).toBe(6);
    expect(epochs.length).toBeGreaterThan(1);
  });

  it("names the lowest diverged member of the earliest diverged epoch, whatever the training order", async () => {
    // Members 0 and 2 diverge in epoch 4; member 1 stays finite.
    const { handle } = fakeHandle((epoch, m) => (epoch >= 4 && m !== 1 ? Number.NaN : epoch));
    const session = new HandleSession(handle, spec);
    const error = await session.fit({ data, exampleWeights, epochs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DivergenceError);
    expect(error).toMatchObject({ member: 0, epoch: 4 });
  });

  it("stops at a slice boundary when aborted, counting the epochs trained", async () => {
    const controller = new AbortController();
    const session = new HandleSession(fakeHandle().handle, spec);
    const recorded: number[] = [];
    const fit = session.fit({
      data,
      exampleWeights,
      epochs: 1_000_000,
      signal: controller.signal,
      onLosses: (losses) => recorded.push(losses.length / 3),
      onProgress: () => controller.abort(),
      progressEvery: 5,
    });
    await expect(fit).rejects.toBeInstanceOf(AbortedError);
    expect(session.epoch).toBe(5);
    expect(recorded.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("pauses every `every` epochs, never after the last, and checks its input once", async () => {
    const session = new HandleSession(fakeHandle().handle, spec);
    const pauses: number[] = [];
    await session.fit({ data, exampleWeights, epochs: 10, pause: { every: 4, at: (epoch) => pauses.push(epoch) } });
    expect(pauses).toEqual([4, 8]);
    for (const bad of [{ epochs: -1 }, { epochs: 2.5 }, { epochs: 3, progressEvery: 0 }]) {
      await expect(session.fit({ data, exampleWeights, ...bad })).rejects.toBeInstanceOf(InvalidArgumentError);
    }
  });

  it("refuses work once disposed", async () => {
    const session = new HandleSession(fakeHandle().handle, spec);
    await session.dispose();
    await session.dispose();
    await expect(session.fit({ data, exampleWeights, epochs: 1 })).rejects.toThrow(/disposed/);
    await expect(session.predict(Float32Array.of(0))).rejects.toThrow(/disposed/);
    await expect(session.params()).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});

describe("HandleSession: example weights given as a function", () => {
  it("joins them only when it must prepare every row, and checks their length then", async () => {
    const { handle } = fakeHandle();
    const session = new HandleSession(handle, spec);
    let joined = 0;
    const join = () => {
      joined += 1;
      return exampleWeights;
    };
    await session.fit({ data, exampleWeights: join, epochs: 1 });
    expect(joined).toBe(1);
    // The data the handle holds, unchanged: nothing to prepare, nothing joined.
    await session.fit({ data, exampleWeights: join, appendTo: data, epochs: 1 });
    expect(joined).toBe(1);
    const other = createDataset([0, 1, 2, 3], [1, 3, 5, 7]);
    await expect(session.fit({ data: other, exampleWeights: () => new Float32Array(5), epochs: 1 })).rejects.toThrow(
      /exampleWeights have 5 values; expected 3 × 4/,
    );
  });
});
