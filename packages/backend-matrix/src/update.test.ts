import {
  type Backend,
  type Dataset,
  Ensemble,
  type EnsembleSpecInput,
  type FitHistory,
  linspace,
  makeToyData,
} from "@rpf/core";
import { describe, expect, it } from "vitest";
import { matrixBackend, matrixTypescriptBackend } from "./index.js";

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

/** Rows [from, to) of a dataset. */
function slice(data: Dataset, from: number, to: number): Dataset {
  return {
    ...data,
    x: data.x.slice(from * data.inputSize, to * data.inputSize),
    y: data.y.slice(from * data.outputSize, to * data.outputSize),
    n: to - from,
  };
}

/** The matrix backend whose handles cannot append: every update prepares all the rows again. */
const withoutAppend: Backend = {
  ...matrixBackend,
  async createEnsemble(init, options) {
    const handle = await matrixBackend.createEnsemble(init, options);
    return Object.assign(Object.create(Object.getPrototypeOf(handle)), handle, { appendTraining: undefined });
  },
};

const SPEC: EnsembleSpecInput = {
  members: 3,
  seed: 9,
  trainable: { hiddenSizes: [16, 16] },
  prior: { hiddenSizes: [16, 16] },
  optimizer: { kind: "adam", learningRate: 0.03 },
  standardize: "xy",
};
const BOOTSTRAPS = ["resample", "poisson", "bernoulli", "exponential", "none"] as const;
const data = makeToyData({ seed: 2, n: 120 });
const first = slice(data, 0, 20);
const more = slice(data, 20, 120);

/** A fit on the first 20 rows (4 epochs), then the 100 more rows in updates of `chunk` rows, the last training `epochs`. */
async function grown(backend: Backend, spec: EnsembleSpecInput, chunk: number, epochs: number) {
  const ensemble = await Ensemble.create(spec, { backend });
  await ensemble.fit(first, { epochs: 4 });
  let last: FitHistory | null = null;
  for (let from = 0; from < more.n; from += chunk) {
    const to = Math.min(more.n, from + chunk);
    last = await ensemble.update(slice(more, from, to), { epochs: to === more.n ? epochs : 0 });
  }
  const result = {
    params: await ensemble.params(),
    last: last!,
    prediction: await ensemble.predict(linspace(-1, 1.5, 25)),
    training: ensemble.training!,
  };
  await ensemble.dispose();
  return result;
}

describe("Ensemble.update on matrix", () => {
  it.each(BOOTSTRAPS)(
    "ten updates of 10 rows (epochs 0, the last 30) train bit-identically to one update of 100 rows and 30 epochs (%s)",
    async (kind) => {
      const spec = { ...SPEC, bootstrap: kind === "bernoulli" ? { kind, p: 0.6 } : { kind } };
      const once = await grown(matrixBackend, spec, 100, 30);
      const tenTimes = await grown(matrixBackend, spec, 10, 30);
      expect(bits(tenTimes.params.trainable)).toEqual(bits(once.params.trainable));
      expect(tenTimes.last.loss).toEqual(once.last.loss);
      expect(tenTimes.last.finalLosses).toEqual(once.last.finalLosses);
      expect(bits(tenTimes.prediction.mean)).toEqual(bits(once.prediction.mean));
      expect(once.training).toMatchObject({ epochs: 34, examples: 120 });
      // The updates trained: the parameters moved from those after the first fit.
      expect(once.last.loss.length).toBe(30 * 3);
    },
    60_000,
  );

  it("gives the same bits on the wasm kernel, the TypeScript trainer, and a handle that prepares every row again", async () => {
    const spec = { ...SPEC, bootstrap: { kind: "resample" as const } };
    const wasm = await grown(matrixBackend, spec, 7, 12);
    const typescript = await grown(matrixTypescriptBackend, spec, 7, 12);
    const prepared = await grown(withoutAppend, spec, 7, 12);
    expect(bits(typescript.params.trainable)).toEqual(bits(wasm.params.trainable));
    expect(bits(prepared.params.trainable)).toEqual(bits(wasm.params.trainable));
    expect(prepared.last.finalLosses).toEqual(wasm.last.finalLosses);
  }, 60_000);

  it("continues the optimiser: with per-row weights (poisson) fit, then update, equals fit, then a fit on the concatenated rows", async () => {
    const spec = { ...SPEC, bootstrap: { kind: "poisson" as const } };
    const updated = await Ensemble.create(spec, { backend: matrixBackend });
    await updated.fit(first, { epochs: 6 });
    await updated.update(more, { epochs: 9 });
    const refitted = await Ensemble.create(spec, { backend: matrixBackend });
    await refitted.fit(first, { epochs: 6 });
    await refitted.fit(data, { epochs: 9 });
    expect(bits((await updated.params()).trainable)).toEqual(bits((await refitted.params()).trainable));
    expect(updated.lossHistory).toEqual(refitted.lossHistory);
    // Restarting Adam (a new ensemble from the fitted parameters) would not give these bits.
    const restarted = await Ensemble.fromModel(
      await (
        await (async () => {
          const e = await Ensemble.create(spec, { backend: matrixBackend });
          await e.fit(first, { epochs: 6 });
          return e;
        })()
      ).toModel(),
      { backend: matrixBackend, need: "train" },
    );
    await restarted.fit(data, { epochs: 9 });
    expect(bits((await restarted.params()).trainable)).not.toEqual(bits((await updated.params()).trainable));
    for (const e of [updated, refitted, restarted]) await e.dispose();
  }, 60_000);

  it("refuses bad rows with typed errors and keeps its state exactly", async () => {
    const spec = { ...SPEC, bootstrap: { kind: "resample" as const } };
    const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
    await ensemble.fit(first, { epochs: 4 });
    const params = await ensemble.params();
    const history = ensemble.lossHistory;
    const training = ensemble.training;
    const wide = { x: new Float32Array(4), y: new Float32Array(2), n: 2, inputSize: 2, outputSize: 1 };
    const nan = slice(more, 0, 3);
    nan.x[1] = Number.NaN;
    const infinite = slice(more, 0, 3);
    infinite.y[2] = Number.POSITIVE_INFINITY;
    const refusals: [Dataset, object, string][] = [
      [wide, {}, "ShapeError"],
      [nan, {}, "DataError"],
      [infinite, {}, "DataError"],
      [{ ...slice(more, 0, 3), yByMember: new Float32Array(9) }, {}, "InvalidArgumentError"],
      [slice(more, 0, 3), { epochs: -1 }, "InvalidArgumentError"],
      [slice(more, 0, 3), { epochs: 1.5 }, "InvalidArgumentError"],
      [{ ...slice(more, 0, 3), n: 0 }, {}, "DataError"],
    ];
    for (const [rows, options, name] of refusals)
      await expect(ensemble.update(rows, options)).rejects.toMatchObject({ name });
    expect(bits((await ensemble.params()).trainable)).toEqual(bits(params.trainable));
    expect(ensemble.lossHistory).toEqual(history);
    expect(ensemble.training).toBe(training);
    // The held data is unchanged too: the next update trains as if the refusals never happened.
    await ensemble.update(more, { epochs: 5 });
    const clean = await Ensemble.create(spec, { backend: matrixBackend });
    await clean.fit(first, { epochs: 4 });
    await clean.update(more, { epochs: 5 });
    expect(bits((await ensemble.params()).trainable)).toEqual(bits((await clean.params()).trainable));
    await clean.dispose();
    await ensemble.dispose();
    await expect(ensemble.update(more)).rejects.toMatchObject({ name: "InvalidArgumentError" });
  }, 60_000);
});
