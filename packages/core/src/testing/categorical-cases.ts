import type { Dataset } from "../data/dataset.js";
import { oneHot } from "../data/one-hot.js";
import { bootstrapWeights, type EnsembleParams, initEnsembleParams, paramCounts } from "../members/index.js";
import { summarizeClasses } from "../predict/classes.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import { SMALL, WIDE_IO } from "./case-setups.js";
import type { ConformanceCase, ConformanceTarget } from "./cases.js";
import { assertClose, assertThat } from "./compare.js";
import {
  assertForwardMatchesReference,
  assertGradientMatchesDifferences,
  assertOneStepMatchesReference,
  train,
  withHandle,
} from "./handles.js";
import { referenceClasses, referencePredict, referenceTrain } from "./reference.js";

/**
 * The categorical-head family of the conformance suite (docs/heads.md): logits, one step, the
 * cross-entropy gradient, decay, and the class probabilities with their entropy decomposition,
 * all against the float64 reference. Every case is marked `head: "categorical"` and runs only on
 * backends whose capabilities.heads lists it.
 */

const CATEGORICAL: EnsembleSpecInput = { ...SMALL, inputSize: 2, outputSize: 3, head: "categorical" };
const CATEGORICAL_OTHER_PRIOR: EnsembleSpecInput = { ...WIDE_IO, inputSize: 2, outputSize: 2, head: "categorical" };

/** n points on a spiral-like curve, labelled by angle sector: K classes, every one present. */
function classData(n: number, classes: number): Dataset {
  const x = new Float32Array(n * 2);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const angle = (2 * Math.PI * i) / n;
    const radius = 0.4 + (0.6 * ((i * 7) % n)) / n;
    x[2 * i] = Math.fround(radius * Math.cos(angle));
    x[2 * i + 1] = Math.fround(radius * Math.sin(angle));
    labels.push(Math.floor((i * classes) / n));
  }
  return { x, y: oneHot(labels, classes), n, inputSize: 2, outputSize: classes };
}

const dataFor = (spec: EnsembleSpec) => classData(24, spec.outputSize);

/** A 7 × 7 grid over [−3, 3]², beyond the data (radius ≤ 1) on its rim. */
const grid = Float32Array.from({ length: 2 * 49 }, (_, i) => {
  const point = i >> 1;
  return -3 + (i % 2 === 0 ? Math.floor(point / 7) : point % 7);
});

/**
 * The probabilities and entropies core computes from a backend's logits, against the reference's
 * from the same parameters (an absolute tolerance: probabilities are ≤ 1 and entropies ≤ log K).
 */
async function assertClassesMatchReference(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  params: EnsembleParams,
  logits: Float32Array,
): Promise<ReturnType<typeof summarizeClasses>> {
  const summary = summarizeClasses(logits, spec.members, spec.outputSize);
  const expected = referenceClasses(referencePredict(spec, params, grid).members, spec.members, spec.outputSize);
  const ones = (length: number) => new Float64Array(length).fill(1);
  for (const part of ["probabilities", "entropy", "aleatoricEntropy", "mutualInformation"] as const) {
    assertClose(`class ${part}`, summary[part], expected[part], target.tolerances.forward, ones(expected[part].length));
  }
  return summary;
}

/** Every member given member 0's trainable and prior parameters: an ensemble whose members agree. */
function cloneMemberZero(spec: EnsembleSpec, params: EnsembleParams): EnsembleParams {
  const counts = paramCounts(spec);
  const copies = (values: Float32Array, count: number) => {
    const out = values.slice();
    for (let m = 1; m < spec.members; m++) out.copyWithin(m * count, 0, count);
    return out;
  };
  return { trainable: copies(params.trainable, counts.trainable), prior: copies(params.prior, counts.prior) };
}

/** The conformance cases of the categorical head (docs/heads.md). */
export const CATEGORICAL_CASES: readonly ConformanceCase[] = [
  {
    name: "categorical head: forward pass matches the float64 reference (K logits, β·p on every logit)",
    needs: "infer",
    head: "categorical",
    async run(target) {
      await assertForwardMatchesReference(
        target,
        [CATEGORICAL, CATEGORICAL_OTHER_PRIOR],
        () => grid,
        (out) => {
          assertThat(out.variance === undefined, "a categorical-head prediction carries no variance");
        },
      );
    },
  },
  {
    name: "categorical head: one Adam step matches the reference",
    needs: "train",
    head: "categorical",
    async run(target) {
      await assertOneStepMatchesReference(target, [CATEGORICAL, CATEGORICAL_OTHER_PRIOR], dataFor);
    },
  },
  {
    name: "categorical head: the cross-entropy gradient matches central finite differences",
    needs: "train",
    head: "categorical",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...CATEGORICAL, optimizer: { kind: "sgd", learningRate: 1, momentum: 0 } });
      await assertGradientMatchesDifferences(target, spec, dataFor(spec), "cross-entropy");
    },
  },
  {
    name: "categorical head: 10 steps with decoupled weight decay match the reference (loss ÷ n, not n·K)",
    needs: "train",
    head: "categorical",
    async run(target) {
      for (const optimizer of [{ kind: "adam" as const }, { kind: "sgd" as const, momentum: 0.9 }]) {
        const spec = resolveEnsembleSpec({ ...CATEGORICAL, weightDecay: 0.5, optimizer });
        const data = dataFor(spec);
        const weights = bootstrapWeights(spec, data.n);
        const expected = referenceTrain(spec, initEnsembleParams(spec), data, weights, 10);
        await withHandle(target, spec, async (handle) => {
          const result = await handle.fit({ data, exampleWeights: weights, epochs: 10 });
          // The reference's 11th epoch loss is taken before its step: the loss after 10 steps.
          const after = referenceTrain(spec, initEnsembleParams(spec), data, weights, 11).losses;
          assertClose(
            `${optimizer.kind}: parameters after 10 decayed steps`,
            (await handle.trainingState()).trainable,
            expected.trainable,
            target.tolerances.trajectory,
          );
          assertClose(
            `${optimizer.kind}: loss history (÷ n)`,
            result.lossHistory,
            expected.losses,
            target.tolerances.trajectory,
          );
          assertClose(
            `${optimizer.kind}: final losses`,
            result.finalLosses,
            after.subarray(10 * spec.members),
            target.tolerances.trajectory,
          );
        });
      }
    },
  },
  {
    name: "categorical head: probabilities average the members' softmax; entropy = aleatoric + mutual information",
    needs: "train",
    head: "categorical",
    async run(target) {
      const spec = resolveEnsembleSpec(CATEGORICAL);
      const data = dataFor(spec);
      await withHandle(target, spec, async (handle) => {
        await train(handle, data, bootstrapWeights(spec, data.n), 20);
        const params = await handle.params();
        const summary = await assertClassesMatchReference(target, spec, params, (await handle.predict(grid)).members);
        for (let i = 0; i < summary.n; i++) {
          const mi = summary.mutualInformation[i]!;
          assertThat(mi >= 0, `mutual information must be ≥ 0; row ${i} has ${mi}`);
          assertClose(
            `row ${i}: entropy − aleatoric − mutual information`,
            [summary.entropy[i]! - summary.aleatoricEntropy[i]! - mi],
            [0],
            target.tolerances.forward,
            [1],
          );
        }
        assertThat(
          summary.mutualInformation.some((v) => v > 1e-3),
          "members with different priors should disagree somewhere on this grid",
        );
      });
      // Members that are one network agree everywhere: no epistemic part.
      const agreeing = cloneMemberZero(spec, initEnsembleParams(spec));
      await withHandle(
        target,
        spec,
        async (handle) => {
          const summary = await assertClassesMatchReference(
            target,
            spec,
            agreeing,
            (await handle.predict(grid)).members,
          );
          const largest = Math.max(...summary.mutualInformation);
          assertThat(largest <= 1e-6, `identical members must have mutual information 0; largest ${largest}`);
          assertThat(
            summary.entropy.some((v) => v > 1e-2),
            "identical members still predict with entropy (aleatoric)",
          );
        },
        agreeing,
      );
    },
  },
];
