import type { Dataset } from "../data/index.js";
import { bootstrapWeights, initEnsembleParams, paramCounts } from "../members/index.js";
import { trainableMlp } from "../nn/ensemble-spec.js";
import { mlpLayout } from "../nn/mlp.js";
import { summarizeMembers } from "../predict/summary.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import { SMALL, smallData, WIDE_IO, wideData } from "./case-setups.js";
import type { ConformanceCase, ConformanceTarget } from "./cases.js";
import { assertClose, assertThat } from "./compare.js";
import {
  assertForwardMatchesReference,
  assertGradientMatchesDifferences,
  assertOneStepMatchesReference,
  train,
  withHandle,
} from "./handles.js";
import { referenceMixture, referencePredict, referenceTrain } from "./reference.js";

/**
 * The Gaussian-head family of the conformance suite (docs/heads.md, docs/conformance.md). Cases
 * marked `head: "gaussian"` run only on backends whose capabilities.heads lists it; the weight
 * decay case runs on every training backend. Self-contained (no value imports from cases.ts,
 * which lists these cases).
 */

const GAUSSIAN: EnsembleSpecInput = { ...SMALL, outputSize: 1, head: "gaussian" };
const GAUSSIAN_WIDE: EnsembleSpecInput = { ...WIDE_IO, head: "gaussian", varianceFloor: 0.01 };

const grid = Float32Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);

function dataFor(spec: EnsembleSpec): Dataset {
  return spec.inputSize === 1 ? smallData() : wideData();
}

function xFor(spec: EnsembleSpec): Float32Array {
  return spec.inputSize === 1 ? grid : wideData(7).x;
}

/**
 * Trains `input` for 10 epochs on the backend and holds it to the float64 reference, after
 * checking on the reference that the field under test moves the trajectory away from `plain`'s
 * (the same spec with the field at its default), so a backend that ignores the field fails.
 */
async function assertTrainsAsReference(
  target: ConformanceTarget,
  input: EnsembleSpecInput,
  plain: EnsembleSpecInput,
  what: string,
): Promise<void> {
  const epochs = 10;
  const spec = resolveEnsembleSpec(input);
  const data = smallData();
  const weights = bootstrapWeights(spec, data.n);
  const params = initEnsembleParams(spec);
  const expected = referenceTrain(spec, params, data, weights, epochs);
  const without = referenceTrain(resolveEnsembleSpec(plain), params, data, weights, epochs);
  assertThat(
    expected.trainable.some((v, i) => Math.abs(v - without.trainable[i]!) > 1e-3),
    `${what} should change this trajectory`,
  );
  await withHandle(target, spec, async (handle) => {
    await train(handle, data, weights, epochs);
    assertClose(
      `${what}: parameters after ${epochs} epochs`,
      (await handle.trainingState()).trainable,
      expected.trainable,
      target.tolerances.trajectory,
    );
  });
}

/**
 * The conformance cases of the Gaussian head (docs/heads.md): forward pass, NLL gradient and training against the float64 reference.
 */
export const GAUSSIAN_CASES: readonly ConformanceCase[] = [
  {
    name: "gaussian head: forward pass matches the float64 reference (means with β·p, variances without)",
    needs: "infer",
    head: "gaussian",
    async run(target) {
      await assertForwardMatchesReference(target, [GAUSSIAN, GAUSSIAN_WIDE], xFor, (out, expected) => {
        assertThat(out.variance instanceof Float32Array, "a Gaussian-head prediction must carry member variances");
        assertClose(
          "variance",
          out.variance!,
          expected.variance!,
          target.tolerances.forward,
          expected.termMagnitude.variance!,
        );
      });
    },
  },
  {
    name: "gaussian head: one Adam step matches the reference",
    needs: "train",
    head: "gaussian",
    async run(target) {
      await assertOneStepMatchesReference(target, [GAUSSIAN, GAUSSIAN_WIDE], dataFor);
    },
  },
  {
    name: "gaussian head: the NLL gradient matches central finite differences",
    needs: "train",
    head: "gaussian",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...GAUSSIAN, optimizer: { kind: "sgd", learningRate: 1, momentum: 0 } });
      await assertGradientMatchesDifferences(target, spec, smallData(), "NLL");
    },
  },
  {
    name: "gaussian head: the β-NLL gradient matches central finite differences of the NLL weighted by the held variances",
    needs: "train",
    head: "gaussian",
    async run(target) {
      const varianceWeighting = 0.5;
      const spec = resolveEnsembleSpec({
        ...GAUSSIAN,
        varianceWeighting,
        optimizer: { kind: "sgd", learningRate: 1, momentum: 0 },
      });
      const data = smallData();
      // β-NLL's gradient at θ₀ is the gradient of Σ w·v₀^b·nll with v₀ = the variances at θ₀ held fixed.
      await assertGradientMatchesDifferences(target, spec, data, "β-NLL", {
        spec: { ...spec, varianceWeighting: 0 },
        weights: (params, weights) => {
          const variance = referencePredict(spec, params, data.x).variance!;
          return weights.map((w, j) => w * variance[j]! ** varianceWeighting);
        },
      });
    },
  },
  {
    name: "gaussian head: variances never fall below the floor",
    needs: "infer",
    head: "gaussian",
    async run(target) {
      for (const floor of [1e-6, 0.25]) {
        const spec = resolveEnsembleSpec({ ...GAUSSIAN, varianceFloor: floor });
        const params = initEnsembleParams(spec);
        // Raw variance outputs far below zero: softplus(raw) vanishes and the floor is all that is left.
        const last = mlpLayout(trainableMlp(spec)).layers.at(-1)!;
        const count = paramCounts(spec).trainable;
        const trainable = params.trainable.slice();
        for (let m = 0; m < spec.members; m++) {
          for (let o = 0; o < spec.outputSize; o++) trainable[m * count + last.bias.offset + spec.outputSize + o] = -80;
        }
        await withHandle(
          target,
          spec,
          async (handle) => {
            const variance = (await handle.predict(grid)).variance!;
            const lowest = Math.min(...variance);
            const highest = Math.max(...variance);
            assertThat(
              lowest >= Math.fround(floor) && highest <= floor * (1 + 1e-6),
              `with raw outputs near −80 every variance should be the floor ${floor}; got ${lowest} to ${highest}`,
            );
          },
          { ...params, trainable },
        );
      }
    },
  },
  {
    name: "gaussian head: the prediction is the uniform mixture (aleatoric + epistemic = total variance)",
    needs: "train",
    head: "gaussian",
    async run(target) {
      const spec = resolveEnsembleSpec(GAUSSIAN);
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      await withHandle(target, spec, async (handle) => {
        await train(handle, data, weights, 20);
        const params = await handle.params();
        const raw = await handle.predict(grid);
        const summary = summarizeMembers(raw, spec.members, spec.outputSize);
        const expected = referenceMixture(referencePredict(spec, params, grid), spec.members);
        const magnitude = expected.mean.map((v, j) => Math.abs(v) + expected.std[j]!);
        for (const part of ["mean", "aleatoricStd", "epistemicStd", "std"] as const) {
          assertClose(`mixture ${part}`, summary[part], expected[part], target.tolerances.forward, magnitude);
        }
        assertThat(
          expected.epistemicStd.some((v) => v > 1e-3) && expected.aleatoricStd.some((v) => v > 1e-3),
          "both parts of the variance should be present on this grid",
        );
      });
    },
  },
  {
    name: "gaussian head: β-NLL scales each example's gradient by its variance to the power varianceWeighting",
    needs: "train",
    head: "gaussian",
    async run(target) {
      // 0.5 and 1 are the wasm kernel's exact exponents; 0.3 takes Math.pow (the TypeScript trainer).
      for (const varianceWeighting of [0.5, 1, 0.3]) {
        for (const optimizer of [{ kind: "adam" as const }, { kind: "sgd" as const, momentum: 0.9 }]) {
          await assertTrainsAsReference(
            target,
            { ...GAUSSIAN, varianceWeighting, optimizer },
            { ...GAUSSIAN, optimizer },
            `varianceWeighting ${varianceWeighting}, ${optimizer.kind}`,
          );
        }
      }
    },
  },
  {
    name: "gaussian head: mean warm-up fits the mean alone by squared error for its first meanWarmup epochs",
    needs: "train",
    head: "gaussian",
    async run(target) {
      // Minibatches with Adam only: SGD with momentum 0.9 over these 50 minibatch steps ends
      // 2.3e-4 (relative) from the reference on tfjs:cpu's float32, past its trajectory tolerance.
      const runs = [
        { batchSize: null, optimizer: { kind: "adam" as const } },
        { batchSize: null, optimizer: { kind: "sgd" as const, momentum: 0.9 } },
        { batchSize: 8, optimizer: { kind: "adam" as const } },
      ];
      for (const { batchSize, optimizer } of runs) {
        await assertTrainsAsReference(
          target,
          { ...GAUSSIAN, meanWarmup: 4, batchSize, optimizer },
          { ...GAUSSIAN, batchSize, optimizer },
          `meanWarmup 4, batch ${batchSize ?? "full"}, ${optimizer.kind}`,
        );
      }
    },
  },
  {
    name: "weight decay is decoupled as optax.adamw / add_decayed_weights, on trainable weights only",
    needs: "train",
    async run(target) {
      const heads = target.backend.capabilities.heads.filter((h) => h === "mse" || h === "gaussian");
      for (const head of heads) {
        for (const optimizer of [{ kind: "adam" as const }, { kind: "sgd" as const, momentum: 0.9 }]) {
          const spec = resolveEnsembleSpec({ ...GAUSSIAN, head, weightDecay: 0.5, optimizer });
          const data = smallData();
          const weights = bootstrapWeights(spec, data.n);
          const params = initEnsembleParams(spec);
          const expected = referenceTrain(spec, params, data, weights, 10);
          const undecayed = referenceTrain({ ...spec, weightDecay: 0 }, params, data, weights, 10);
          assertThat(
            expected.trainable.some((v, i) => Math.abs(v - undecayed.trainable[i]!) > 1e-3),
            "weight decay 0.5 should change this trajectory",
          );
          await withHandle(target, spec, async (handle) => {
            await train(handle, data, weights, 10);
            const after = await handle.params();
            assertClose(
              `${head}, ${optimizer.kind}: parameters after 10 decayed steps`,
              (await handle.trainingState()).trainable,
              expected.trainable,
              target.tolerances.trajectory,
            );
            assertThat(
              after.prior.every((v, i) => Object.is(v, params.prior[i])),
              "weight decay must not touch the prior",
            );
          });
        }
      }
    },
  },
];
