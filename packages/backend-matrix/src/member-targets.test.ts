import { type Backend, type Dataset, Ensemble, type EnsembleSpecInput, linspace, makeToyData } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { matrixBackend, matrixTypescriptBackend } from "./index.js";
import { createParallelMatrixBackend } from "./node.js";

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

const KERNELS: readonly [string, Backend][] = [
  ["wasm kernel", matrixBackend],
  ["TypeScript trainer", matrixTypescriptBackend],
];

const SPEC: EnsembleSpecInput = { members: 3, seed: 5, epochs: 30, standardize: "none" };

/** y repeated once per member: [members, n, outputSize]. */
function repeated(y: Float32Array, members: number): Float32Array {
  const out = new Float32Array(members * y.length);
  for (let m = 0; m < members; m++) out.set(y, m * y.length);
  return out;
}

async function trained(backend: Backend, spec: EnsembleSpecInput, data: Dataset) {
  const ensemble = await Ensemble.create(spec, { backend });
  const history = await ensemble.fit(data);
  const params = await ensemble.params();
  await ensemble.dispose();
  return { params, history };
}

describe("per-member targets (Dataset.yByMember) on matrix", () => {
  const data = makeToyData({ seed: 3, n: 24 });

  it.each(KERNELS)(
    "with y repeated per member, trains bit-identically to plain y (%s, full batch and minibatches)",
    async (_, backend) => {
      for (const batchSize of [null, 7]) {
        const spec = { ...SPEC, batchSize };
        const plain = await trained(backend, spec, data);
        const perMember = await trained(backend, spec, { ...data, yByMember: repeated(data.y, 3) });
        expect(bits(perMember.params.trainable)).toEqual(bits(plain.params.trainable));
        expect(perMember.history.loss).toEqual(plain.history.loss);
        expect(perMember.history.finalLosses).toEqual(plain.history.finalLosses);
      }
    },
  );

  it("each member fits its own targets, and the wasm kernel, the TypeScript trainer and worker threads agree bit for bit", async () => {
    // Member m's target is the constant 2m − 2: a member fits its own constant, not the others'.
    const n = data.n;
    const yByMember = new Float32Array(3 * n);
    for (let m = 0; m < 3; m++) yByMember.fill(2 * m - 2, m * n, (m + 1) * n);
    const spec = { ...SPEC, epochs: 400 };
    const input = { ...data, yByMember };
    const runs = [];
    for (const backend of [matrixBackend, matrixTypescriptBackend, createParallelMatrixBackend(2)]) {
      const ensemble = await Ensemble.create(spec, { backend });
      await ensemble.fit(input);
      const prediction = await ensemble.predict(data.x);
      runs.push({ params: await ensemble.params(), prediction });
      await ensemble.dispose();
    }
    const [wasm, typescript, parallel] = runs;
    expect(bits(typescript!.params.trainable)).toEqual(bits(wasm!.params.trainable));
    expect(bits(parallel!.params.trainable)).toEqual(bits(wasm!.params.trainable));
    for (let m = 0; m < 3; m++) {
      const member = wasm!.prediction.members.subarray(m * n, (m + 1) * n);
      for (const value of member) expect(Math.abs(value - (2 * m - 2))).toBeLessThan(0.1);
    }
  }, 60_000);

  it("refuses per-member targets of the wrong member count or with a non-finite value", async () => {
    const ensemble = await Ensemble.create(SPEC, { backend: matrixBackend });
    const before = await ensemble.params();
    await expect(ensemble.fit({ ...data, yByMember: repeated(data.y, 2) })).rejects.toMatchObject({
      name: "ShapeError",
      details: { field: "yByMember" },
    });
    const bad = repeated(data.y, 3);
    bad[data.n + 4] = Number.NaN;
    await expect(ensemble.fit({ ...data, yByMember: bad })).rejects.toMatchObject({
      name: "DataError",
      details: { field: "yByMember" },
    });
    expect(bits((await ensemble.params()).trainable)).toEqual(bits(before.trainable));
    await ensemble.dispose();
  });
});

describe("predictMember on matrix", () => {
  const data = makeToyData({ seed: 3, n: 24 });
  const x = linspace(-3, 3, 41);

  it.each([
    ...KERNELS.map(([name, backend]) => [`${name}, mse`, backend, "mse"] as const),
    ["TypeScript trainer, gaussian", matrixTypescriptBackend, "gaussian"] as const,
    ["worker threads, mse", createParallelMatrixBackend(2), "mse"] as const,
  ])(
    "gives member i's part of predict bit for bit (%s)",
    async (_, backend, head) => {
      const ensemble = await Ensemble.create({ ...SPEC, head, standardize: "xy" }, { backend });
      await ensemble.fit(data);
      const all = await ensemble.predict(x);
      const n = x.length;
      for (let m = 0; m < 3; m++) {
        const one = await ensemble.predictMember(m, x);
        expect(one.member).toBe(m);
        expect(one.memberCount).toBe(1);
        const part = (values: Float32Array) => bits(values.subarray(m * n, (m + 1) * n));
        expect(bits(one.mean)).toEqual(part(all.members));
        expect(bits(one.prior)).toEqual(part(all.prior));
        expect(bits(one.trainable)).toEqual(part(all.trainable));
        if (head === "gaussian") expect(bits(one.variance!)).toEqual(part(all.variance!));
        else expect(one.variance).toBeNull();
      }
      await ensemble.dispose();
    },
    60_000,
  );
});
