import type { RawPrediction } from "../backend/contract.js";
import { HandleSession } from "../backend/handle-session.js";
import type { Dataset } from "../data/dataset.js";
import { bootstrapWeights, type EnsembleParams, initEnsembleParams, paramCounts } from "../members/index.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec, EnsembleSpecInput } from "../spec/types.js";
import type { ConformanceTarget } from "./cases.js";
import { assertClose, assertThat } from "./compare.js";
import { type ReferencePrediction, referenceMemberLoss, referencePredict, referenceTrain } from "./reference.js";

/*
 * What the per-head conformance families (gaussian-cases.ts, categorical-cases.ts) share: opening
 * a handle, training through core's fit loop, and the gradient check by finite differences.
 */

/** Opens a handle on the target, runs `work` with it and disposes it, whatever `work` does. */
export async function withHandle<T>(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  work: (handle: HandleSession) => Promise<T>,
  params: EnsembleParams = initEnsembleParams(spec),
): Promise<T> {
  const handle = await HandleSession.open(target.backend, { spec, params }, target.device);
  try {
    return await work(handle);
  } finally {
    await handle.dispose();
  }
}

/** Trains `epochs` epochs through core's fit loop: the one place these cases call into training. */
export async function train(handle: HandleSession, data: Dataset, exampleWeights: Float32Array, epochs: number) {
  await handle.fit({ data, exampleWeights, epochs });
}

/** Trainable parameters after `epochs` epochs, at the backend's working precision (float64 where it trains in it). */
export async function trainedState(target: ConformanceTarget, spec: EnsembleSpec, data: Dataset, epochs: number) {
  const weights = bootstrapWeights(spec, data.n);
  return withHandle(target, spec, async (handle) => {
    await train(handle, data, weights, epochs);
    return (await handle.trainingState()).trainable;
  });
}

/**
 * A loss whose plain gradient at the initial parameters is the one the spec trains with, when
 * that gradient holds something constant (β-NLL's per-example variance weights): the spec to take
 * the reference loss of, and the example weights [members·n] it is taken with.
 */
export interface HeldLoss {
  readonly spec: EnsembleSpec;
  weights(params: EnsembleParams, weights: Float32Array): ArrayLike<number>;
}

/**
 * Holds every member's gradient to central finite differences of the reference loss (of `held`'s
 * loss when given). `spec` must use plain SGD with learning rate 1 and no momentum: one step then
 * moves θ by exactly −∇L, so the backend's gradient is θ₀ − θ₁.
 * @throws {ConformanceFailure} when a gradient vanishes here or differs by more than 1e-5 of the largest.
 */
export async function assertGradientMatchesDifferences(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  data: Dataset,
  lossName: string,
  held?: HeldLoss,
): Promise<void> {
  const params = initEnsembleParams(spec);
  const trainWeights = bootstrapWeights(spec, data.n);
  const weights = held ? held.weights(params, trainWeights) : trainWeights;
  const lossSpec = held ? held.spec : spec;
  const after = await trainedState(target, spec, data, 1);
  const count = paramCounts(spec).trainable;
  const h = 1e-6;
  for (let m = 0; m < spec.members; m++) {
    const theta = Array.from(params.trainable.subarray(m * count, (m + 1) * count));
    const backend = theta.map((v, j) => v - after[m * count + j]!);
    const differences = theta.map((_, j) => {
      const at = (delta: number) =>
        referenceMemberLoss(
          lossSpec,
          params,
          m,
          theta.map((v, k) => (k === j ? v + delta : v)),
          data,
          weights,
        ).loss;
      return (at(h) - at(-h)) / (2 * h);
    });
    const largest = Math.max(...differences.map(Math.abs));
    assertThat(largest > 1e-3, `member ${m}: the gradient should not vanish here (largest ${largest})`);
    const scale = new Float64Array(count).fill(largest);
    assertClose(`member ${m}: ∇${lossName} against finite differences`, backend, differences, 1e-5, scale);
  }
}

/**
 * Holds the trainable parameters after one optimiser step to the reference's, for each spec.
 * @throws {ConformanceFailure} when they differ by more than the target's oneStep tolerance.
 */
export async function assertOneStepMatchesReference(
  target: ConformanceTarget,
  inputs: readonly EnsembleSpecInput[],
  dataFor: (spec: EnsembleSpec) => Dataset,
): Promise<void> {
  for (const input of inputs) {
    const spec = resolveEnsembleSpec(input);
    const data = dataFor(spec);
    const expected = referenceTrain(spec, initEnsembleParams(spec), data, bootstrapWeights(spec, data.n), 1);
    const actual = await trainedState(target, spec, data, 1);
    assertClose("trainable parameters after one step", actual, expected.trainable, target.tolerances.oneStep);
  }
}

/**
 * Holds each spec's untrained outputs on x (members, β·p and t) to the float64 reference, then
 * hands both to `more` for what the head adds (variances, or their absence).
 * @throws {ConformanceFailure} when an output differs by more than the target's forward tolerance.
 */
export async function assertForwardMatchesReference(
  target: ConformanceTarget,
  inputs: readonly EnsembleSpecInput[],
  xFor: (spec: EnsembleSpec) => Float32Array,
  more: (out: RawPrediction, expected: ReferencePrediction) => void,
): Promise<void> {
  for (const input of inputs) {
    const spec = resolveEnsembleSpec(input);
    const params = initEnsembleParams(spec);
    const x = xFor(spec);
    const expected = referencePredict(spec, params, x);
    await withHandle(target, spec, async (handle) => {
      const out = await handle.predict(x);
      for (const part of ["members", "prior", "trainable"] as const) {
        assertClose(part, out[part], expected[part], target.tolerances.forward, expected.termMagnitude[part]);
      }
      more(out, expected);
    });
  }
}
