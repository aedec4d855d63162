import { HandleSession } from "../backend/handle-session.js";
import { type Dataset, makeToyData } from "../data/index.js";
import { bootstrapWeights, initEnsembleParams } from "../members/index.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpecInput } from "../spec/types.js";
import type { ConformanceCase } from "./cases.js";
import { assertClose, assertThat } from "./compare.js";
import { referenceTrain } from "./reference.js";

/**
 * The decisions family of the conformance suite: one member's prediction (predictMember, for
 * Thompson sampling) and per-member targets (Dataset.yByMember, for bootstrapped DQN's TD
 * targets). Self-contained (no value imports from cases.ts, which lists these cases).
 */

const SPEC: EnsembleSpecInput = { members: 3, trainable: { hiddenSizes: [8, 8] }, seed: 7 };
const WIDE: EnsembleSpecInput = {
  members: 2,
  inputSize: 3,
  outputSize: 2,
  trainable: { hiddenSizes: [6], activation: "tanh" },
  prior: { hiddenSizes: [5, 4], activation: "relu" },
  priorScale: 1.5,
  seed: 3,
};

function inputsFor(inputSize: number, n: number): Float32Array {
  return Float32Array.from({ length: n * inputSize }, (_, i) => Math.fround(Math.sin(i * 1.3) * 1.5));
}

/** Member m's targets: y + m − 1, so every member has its own. */
function shiftedTargets(data: Dataset, members: number): Float32Array {
  const out = new Float32Array(members * data.y.length);
  for (let m = 0; m < members; m++) {
    for (let i = 0; i < data.y.length; i++) out[m * data.y.length + i] = data.y[i]! + m - 1;
  }
  return out;
}

function bitEqual(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

export const DECISION_CASES: readonly ConformanceCase[] = [
  {
    name: "predictMember gives member i's part of predict",
    needs: "infer",
    async run(target) {
      for (const input of [SPEC, WIDE]) {
        const spec = resolveEnsembleSpec(input);
        const handle = await HandleSession.open(
          target.backend,
          { spec, params: initEnsembleParams(spec) },
          target.device,
        );
        try {
          const n = 9;
          const x = inputsFor(spec.inputSize, n);
          const all = await handle.predict(x);
          const size = n * spec.outputSize;
          for (let m = 0; m < spec.members; m++) {
            const one = await handle.predictMember(m, x);
            for (const part of ["members", "prior", "trainable"] as const) {
              assertThat(
                one[part].length === size,
                `member ${m}'s ${part} should hold ${size} values, got ${one[part].length}`,
              );
              assertClose(
                `member ${m}'s ${part}`,
                one[part],
                all[part].subarray(m * size, (m + 1) * size),
                target.tolerances.forward,
              );
            }
          }
        } finally {
          await handle.dispose();
        }
      }
    },
  },
  {
    name: "per-member targets equal to y repeated train exactly as y",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SPEC, batchSize: 10 });
      const data = makeToyData({ seed: 11, n: 24 });
      const weights = bootstrapWeights(spec, data.n);
      const train = async (input: Dataset) => {
        const handle = await HandleSession.open(
          target.backend,
          { spec, params: initEnsembleParams(spec) },
          target.device,
        );
        try {
          await handle.fit({ data: input, exampleWeights: weights, epochs: 6 });
          return (await handle.params()).trainable;
        } finally {
          await handle.dispose();
        }
      };
      const repeated = new Float32Array(spec.members * data.y.length);
      for (let m = 0; m < spec.members; m++) repeated.set(data.y, m * data.y.length);
      const plain = await train(data);
      const perMember = await train({ ...data, yByMember: repeated });
      assertThat(bitEqual(perMember, plain), "yByMember holding y for every member changed the trained parameters");
    },
  },
  {
    name: "per-member targets: each member follows the reference on its own targets",
    needs: "train",
    async run(target) {
      for (const input of [SPEC, WIDE]) {
        const spec = resolveEnsembleSpec(input);
        const base =
          spec.inputSize === 1
            ? makeToyData({ seed: 11, n: 16 })
            : {
                x: inputsFor(spec.inputSize, 10),
                y: Float32Array.from({ length: 10 * spec.outputSize }, (_, i) => Math.fround(Math.cos(i) * 0.5)),
                n: 10,
                inputSize: spec.inputSize,
                outputSize: spec.outputSize,
              };
        const data = { ...base, yByMember: shiftedTargets(base, spec.members) };
        const weights = bootstrapWeights(spec, data.n);
        const expected = referenceTrain(spec, initEnsembleParams(spec), data, weights, 20);
        const handle = await HandleSession.open(
          target.backend,
          { spec, params: initEnsembleParams(spec) },
          target.device,
        );
        try {
          const result = await handle.fit({ data, exampleWeights: weights, epochs: 20 });
          assertClose("loss history", result.lossHistory, expected.losses, target.tolerances.trajectory);
          assertClose(
            "trainable parameters after 20 epochs",
            (await handle.params()).trainable,
            expected.trainable,
            target.tolerances.trajectory,
          );
        } finally {
          await handle.dispose();
        }
      }
    },
  },
];
