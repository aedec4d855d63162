import fc from "fast-check";
import type { Backend } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import { HandleSession } from "../backend/handle-session.js";
import type { Dataset } from "../data/index.js";
import { isFiniteFloat32 } from "../float32/finite-float32.js";
import {
  bootstrapWeights,
  type EnsembleParams,
  initEnsembleParams,
  minibatchOrder,
  paramCounts,
} from "../members/index.js";
import { ACTIVATION_NAMES } from "../nn/activations.js";
import type { HeadName } from "../spec/names.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpec } from "../spec/types.js";
import { SMALL, smallData, WIDE_IO, wideData } from "./case-setups.js";
import { CATEGORICAL_CASES } from "./categorical-cases.js";
import { assertClose, assertRejects, assertThat } from "./compare.js";
import { DECISION_CASES } from "./decision-cases.js";
import { GAUSSIAN_CASES } from "./gaussian-cases.js";
import { referencePredict, referenceTrain } from "./reference.js";

/** Relative tolerances a backend is held to; float32 backends need looser ones than float64. */
export interface ConformanceTolerances {
  /** Outputs at initialisation against the float64 reference. */
  readonly forward: number;
  /** Parameters after one optimiser step. */
  readonly oneStep: number;
  /** Parameters after the short trajectory (50 full-batch steps, and a few minibatch epochs). */
  readonly trajectory: number;
}

/** Float64 inside, float32 at the boundary: parameters and outputs carry float32 rounding (~6e-8). */
export const FLOAT64_TOLERANCES: ConformanceTolerances = { forward: 1e-6, oneStep: 1e-6, trajectory: 1e-6 };
/**
 * Tolerances for a backend that computes in float32 throughout (tfjs, onnxruntime): rounding accumulates over a trajectory.
 */
export const FLOAT32_TOLERANCES: ConformanceTolerances = { forward: 1e-5, oneStep: 1e-5, trajectory: 1e-4 };

/** The backend (and device) a conformance case runs against, with the tolerances it is held to. */
export interface ConformanceTarget {
  readonly backend: Backend;
  readonly device?: DeviceName;
  readonly tolerances: ConformanceTolerances;
  /** Live-object count (tfjs tensors, native sessions); the leak case needs it. */
  readonly memoryProbe?: () => number;
}

/**
 * One conformance check: a name, the job and head it needs, and `run`, which rejects with ConformanceFailure when the backend is off.
 */
export interface ConformanceCase {
  readonly name: string;
  /** Cases that need training are skipped for inference-only backends. */
  readonly needs: "train" | "infer";
  /** The output head the case needs; skipped for backends whose capabilities.heads lacks it. */
  readonly head?: HeadName;
  run(target: ConformanceTarget): Promise<void>;
}

/** A handle on the target, driven as core drives every handle: through HandleSession's fit loop. */
async function open(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  params: EnsembleParams = initEnsembleParams(spec),
): Promise<HandleSession> {
  return HandleSession.open(target.backend, { spec, params }, target.device);
}

async function withHandle<T>(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  work: (handle: HandleSession) => Promise<T>,
  params?: EnsembleParams,
): Promise<T> {
  const handle = await open(target, spec, params);
  try {
    return await work(handle);
  } finally {
    await handle.dispose();
  }
}

async function trainedParams(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  data: Dataset,
  epochs: number,
  weights = bootstrapWeights(spec, data.n),
): Promise<EnsembleParams> {
  return withHandle(target, spec, async (handle) => {
    await handle.fit({ data, exampleWeights: weights, epochs });
    return handle.params();
  });
}

/** Trains `epochs` epochs from core's initial parameters: the losses and parameters must follow the reference. */
async function followsReference(
  target: ConformanceTarget,
  spec: EnsembleSpec,
  data: Dataset,
  epochs: number,
): Promise<void> {
  const weights = bootstrapWeights(spec, data.n);
  const expected = referenceTrain(spec, initEnsembleParams(spec), data, weights, epochs);
  await withHandle(target, spec, async (handle) => {
    const result = await handle.fit({ data, exampleWeights: weights, epochs });
    assertClose("loss history", result.lossHistory, expected.losses, target.tolerances.trajectory);
    assertClose(
      `trainable parameters after ${epochs} epochs`,
      (await handle.params()).trainable,
      expected.trainable,
      target.tolerances.trajectory,
    );
  });
}

function bitEqual(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function bitEqual64(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

const grid = Float32Array.from({ length: 41 }, (_, i) => -2 + i * 0.1);

const TYPED_INPUT_ERRORS = ["invalid_data", "shape_mismatch", "diverged"];

/**
 * A loose bound: without a forced garbage collection the heap drifts by a few MiB; a per-call
 * leak of even 64 KiB over 1100 calls would exceed it.
 */
const MAX_HEAP_GROWTH_MIB = 64;

/** Runs `work`; it must either return only finite numbers or fail with a typed input error. */
async function expectFiniteOrTyped(work: () => Promise<number[]>): Promise<void> {
  let values: number[];
  try {
    values = await work();
  } catch (error) {
    const code = (error as { code?: string }).code;
    assertThat(
      code !== undefined && TYPED_INPUT_ERRORS.includes(code),
      `expected a typed input error, got ${String(error)}`,
    );
    return;
  }
  assertThat(values.every(Number.isFinite), "a result holds non-finite numbers");
}

/**
 * Every backend-neutral conformance case: output shapes, the forward pass and training steps against the float64
 * reference, determinism, resume, typed errors on bad input, disposal and leaks. describeConformance runs them.
 */
export const CONFORMANCE_CASES: readonly ConformanceCase[] = [
  {
    name: "predict returns [members, n, outputs] for the prior, trainable and resultant parts",
    needs: "infer",
    async run(target) {
      for (const input of [SMALL, WIDE_IO]) {
        const spec = resolveEnsembleSpec(input);
        await withHandle(target, spec, async (handle) => {
          const x = new Float32Array(5 * spec.inputSize).fill(0.25);
          const out = await handle.predict(x);
          const size = spec.members * 5 * spec.outputSize;
          for (const part of ["members", "prior", "trainable"] as const) {
            assertThat(
              out[part] instanceof Float32Array && out[part].length === size,
              `${part} should be a Float32Array of ${size} values, got ${out[part]?.length}`,
            );
          }
        });
      }
    },
  },
  {
    name: "forward pass at initialisation matches the float64 reference",
    needs: "infer",
    async run(target) {
      for (const input of [
        SMALL,
        WIDE_IO,
        { ...SMALL, trainable: { hiddenSizes: [8, 8], activation: "gelu" as const } },
      ]) {
        const spec = resolveEnsembleSpec(input);
        const params = initEnsembleParams(spec);
        const x = spec.inputSize === 1 ? grid : wideData(7).x;
        const expected = referencePredict(spec, params, x);
        await withHandle(target, spec, async (handle) => {
          const out = await handle.predict(x);
          for (const part of ["members", "prior", "trainable"] as const) {
            const label = `${part} (${spec.trainable.activation})`;
            assertClose(label, out[part], expected[part], target.tolerances.forward, expected.termMagnitude[part]);
          }
        });
      }
    },
  },
  {
    name: "one Adam step matches optax's update rule",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      const expected = referenceTrain(spec, initEnsembleParams(spec), data, weights, 1);
      const params = await trainedParams(target, spec, data, 1, weights);
      assertClose(
        "trainable parameters after one Adam step",
        params.trainable,
        expected.trainable,
        target.tolerances.oneStep,
      );
    },
  },
  {
    name: "one SGD step with momentum matches the reference",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, optimizer: { kind: "sgd", learningRate: 0.1, momentum: 0.9 } });
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      const expected = referenceTrain(spec, initEnsembleParams(spec), data, weights, 3);
      const params = await trainedParams(target, spec, data, 3, weights);
      assertClose(
        "trainable parameters after three SGD steps",
        params.trainable,
        expected.trainable,
        target.tolerances.oneStep,
      );
    },
  },
  {
    name: "50 full-batch Adam steps follow the reference trajectory",
    needs: "train",
    async run(target) {
      for (const input of [SMALL, WIDE_IO]) {
        const spec = resolveEnsembleSpec(input);
        const data = spec.inputSize === 1 ? smallData() : wideData();
        await followsReference(target, spec, data, 50);
      }
    },
  },
  {
    name: "gradient clipping follows optax.clip_by_global_norm per member",
    needs: "train",
    async run(target) {
      for (const optimizer of [{ kind: "adam" as const }, { kind: "sgd" as const, momentum: 0.5 }]) {
        const spec = resolveEnsembleSpec({ ...SMALL, optimizer: { ...optimizer, clipNorm: 0.05 } });
        const data = smallData();
        const weights = bootstrapWeights(spec, data.n);
        const params = initEnsembleParams(spec);
        const expected = referenceTrain(spec, params, data, weights, 20);
        const unclipped = referenceTrain(
          { ...spec, optimizer: { ...spec.optimizer, clipNorm: null } },
          params,
          data,
          weights,
          20,
        );
        // The bound must bite, or this case could not tell clipping from none.
        assertThat(
          expected.trainable.some((v, i) => Math.abs(v - unclipped.trainable[i]!) > 1e-3),
          "clipNorm 0.05 should change this trajectory",
        );
        await withHandle(target, spec, async (handle) => {
          await handle.fit({ data, exampleWeights: weights, epochs: 20 });
          assertClose(
            `${optimizer.kind}: parameters after 20 clipped steps`,
            (await handle.params()).trainable,
            expected.trainable,
            target.tolerances.trajectory,
          );
        });
      }
    },
  },
  {
    name: "minibatch epochs visit examples in core's order",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, batchSize: 7 });
      // 24 rows in batches of 7: 7, 7, 7, 3, so the epoch loss's weighting of steps shows.
      await followsReference(target, spec, smallData(), 4);
    },
  },
  {
    name: "a minibatch epoch's loss is the example-weighted mean of its step losses",
    needs: "train",
    async run(target) {
      // A network that outputs 0 and (at a learning rate of 1e-30) stays there: every step's loss
      // is the mean of y² over its batch, so the epoch's loss can be worked out by hand.
      const spec = resolveEnsembleSpec({
        members: 2,
        trainable: { hiddenSizes: [4] },
        priorScale: 0,
        optimizer: { kind: "sgd", learningRate: 1e-30, momentum: 0 },
        batchSize: 4,
        seed: 1,
      });
      const n = 10;
      const data: Dataset = {
        x: Float32Array.from({ length: n }, (_, i) => i / n),
        y: Float32Array.from({ length: n }, (_, i) => i + 1),
        n,
        inputSize: 1,
        outputSize: 1,
      };
      const initial = initEnsembleParams(spec);
      const zero = { trainable: new Float32Array(initial.trainable.length), prior: initial.prior };
      const squares = Array.from(data.y, (y) => y * y);
      // Batches of 4, 4 and 2 rows: weighted by their sizes, the steps' losses average to the
      // full-batch loss Σy²/n = 38.5; their plain mean (the old definition) depends on which rows
      // the short batch drew.
      const weighted = squares.reduce((a, b) => a + b, 0) / n;
      const plain = Array.from({ length: spec.members }, (_, m) => {
        const order = minibatchOrder(spec.seed, m, 0, n);
        const batchMean = (from: number, to: number) =>
          Array.from(order.subarray(from, to), (i) => squares[i]!).reduce((a, b) => a + b, 0) / (to - from);
        return (batchMean(0, 4) + batchMean(4, 8) + batchMean(8, 10)) / 3;
      });
      assertThat(
        plain.every((value) => Math.abs(value - weighted) > 1),
        `the plain means ${plain.join(", ")} should differ from ${weighted}, or this case could not tell the two apart`,
      );
      await withHandle(
        target,
        spec,
        async (handle) => {
          const result = await handle.fit({
            data,
            exampleWeights: new Float32Array(spec.members * n).fill(1),
            epochs: 1,
          });
          assertClose(
            "epoch loss over batches of 4, 4 and 2",
            result.lossHistory,
            new Float64Array(spec.members).fill(weighted),
            target.tolerances.oneStep,
          );
        },
        zero,
      );
    },
  },
  {
    name: "the prior stays frozen",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const initial = initEnsembleParams(spec);
      const params = await trainedParams(target, spec, smallData(), 20);
      assertThat(bitEqual(params.prior, initial.prior), "prior parameters changed during training");
      assertThat(!bitEqual(params.trainable, initial.trainable), "trainable parameters did not change during training");
    },
  },
  {
    name: "β = 0 is a plain ensemble: the prior contributes nothing",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, priorScale: 0 });
      const data = smallData();
      const initial = initEnsembleParams(spec);
      const scrambled = { trainable: initial.trainable, prior: initial.prior.map((v) => v * -3 + 0.5) };
      const a = await trainedParams(target, spec, data, 10);
      const b = await withHandle(
        target,
        spec,
        async (handle) => {
          await handle.fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: 10 });
          const out = await handle.predict(grid);
          assertThat(
            out.prior.every((v) => v === 0),
            "with β = 0 the prior part of the prediction must be 0",
          );
          assertClose("members equal trainable when β = 0", out.members, out.trainable, 0);
          return handle.params();
        },
        scrambled,
      );
      assertThat(bitEqual(a.trainable, b.trainable), "with β = 0 training must not depend on the prior's weights");
    },
  },
  {
    name: "same seed and inputs give bit-identical results",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      const a = await trainedParams(target, spec, data, 15);
      const b = await trainedParams(target, spec, data, 15);
      assertThat(bitEqual(a.trainable, b.trainable), "two identical runs gave different parameters");
    },
  },
  {
    name: "training in two calls equals training in one",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, batchSize: 10 });
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      const once = await trainedParams(target, spec, data, 12, weights);
      const twice = await withHandle(target, spec, async (handle) => {
        await handle.fit({ data, exampleWeights: weights, epochs: 5 });
        await handle.fit({ data, exampleWeights: weights, epochs: 7 });
        return handle.params();
      });
      assertClose("5 + 7 epochs against 12", twice.trainable, once.trainable, target.tolerances.oneStep);
    },
  },
  {
    name: "a handle created from another's training state continues bit-identically",
    needs: "train",
    async run(target) {
      for (const optimizer of [
        { kind: "adam" as const },
        { kind: "sgd" as const, momentum: 0.9, learningRate: 0.01 },
      ]) {
        const spec = resolveEnsembleSpec({ ...SMALL, batchSize: 10, optimizer });
        const data = smallData();
        const exampleWeights = bootstrapWeights(spec, data.n);
        const params = initEnsembleParams(spec);
        const straight = await withHandle(target, spec, async (handle) => {
          await handle.fit({ data, exampleWeights, epochs: 9 });
          return handle.trainingState();
        });
        const saved = await withHandle(target, spec, async (handle) => {
          await handle.fit({ data, exampleWeights, epochs: 4 });
          return handle.trainingState();
        });
        const resumedHandle = await HandleSession.open(target.backend, { spec, params, state: saved }, target.device);
        try {
          await resumedHandle.fit({ data, exampleWeights, epochs: 5 });
          const resumed = await resumedHandle.trainingState();
          const label = `${optimizer.kind}, 4 epochs + resume + 5 against 9`;
          assertThat(
            resumed.epoch === 9 && resumed.step === straight.step && straight.step === 27,
            `${label}: epoch/step ${resumed.epoch}/${resumed.step}, expected 9/${straight.step} (27: 3 steps per epoch)`,
          );
          assertThat(bitEqual64(resumed.trainable, straight.trainable), `${label}: weights differ`);
          assertThat(
            resumed.slots.length === straight.slots.length &&
              resumed.slots.every((slot, i) => bitEqual64(slot, straight.slots[i]!)),
            `${label}: optimiser slots differ`,
          );
        } finally {
          await resumedHandle.dispose();
        }
      }
    },
  },
  {
    name: "a malformed training state gives a typed error",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const params = initEnsembleParams(spec);
      const size = spec.members * paramCounts(spec).trainable;
      // Adam keeps two slots: one is too few, a short one is the wrong size, and a step count can't be negative.
      const oneSlot = { epoch: 0, step: 0, trainable: new Float64Array(size), slots: [new Float64Array(size)] };
      const options = target.device ? { device: target.device } : {};
      for (const state of [
        oneSlot,
        { ...oneSlot, slots: [new Float64Array(size), new Float64Array(size - 1)] },
        { ...oneSlot, step: -1, slots: [new Float64Array(size), new Float64Array(size)] },
      ]) {
        await assertRejects(
          "a bad training state",
          () => target.backend.createEnsemble({ spec, params, state }, options),
          "shape_mismatch",
        );
      }
    },
  },
  {
    name: "bootstrap weights are honoured: weight k equals k copies of an example",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, members: 1 });
      const base = smallData(6);
      const counts = [2, 0, 1, 3, 0, 0];
      const weights = Float32Array.from(counts);
      const copies = counts.flatMap((c, i) => Array<number>(c).fill(i));
      const expanded: Dataset = {
        x: Float32Array.from(copies, (i) => base.x[i]!),
        y: Float32Array.from(copies, (i) => base.y[i]!),
        n: copies.length,
        inputSize: 1,
        outputSize: 1,
      };
      const weighted = await trainedParams(target, spec, base, 5, weights);
      const duplicated = await trainedParams(target, spec, expanded, 5, new Float32Array(expanded.n).fill(1));
      assertClose(
        "weighted vs duplicated data",
        weighted.trainable,
        duplicated.trainable,
        target.tolerances.trajectory,
      );
      const ignored = { ...base, y: base.y.map((v, i) => (counts[i] === 0 ? v + 100 : v)) };
      const changed = await trainedParams(target, spec, ignored, 5, weights);
      assertThat(bitEqual(changed.trainable, weighted.trainable), "examples with weight 0 influenced training");
    },
  },
  {
    name: "bad input gives typed errors",
    needs: "infer",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const params = initEnsembleParams(spec);
      const counts = paramCounts(spec);
      await assertRejects(
        "trainable parameters of the wrong length",
        () => open(target, spec, { ...params, trainable: params.trainable.subarray(1) }),
        "shape_mismatch",
      );
      await assertRejects(
        "non-finite parameters",
        () =>
          open(target, spec, { ...params, prior: params.prior.map((v, i) => (i === counts.prior ? Number.NaN : v)) }),
        "shape_mismatch",
      );
      const wide = resolveEnsembleSpec(WIDE_IO);
      await withHandle(target, wide, async (handle) => {
        await assertRejects(
          "x whose length is not a multiple of the input width",
          () => handle.predict(new Float32Array(4)),
          "shape_mismatch",
        );
        await assertRejects("empty x", () => handle.predict(new Float32Array(0)), "shape_mismatch");
        await assertRejects("a non-finite x", () => handle.predict(Float32Array.of(0, 1, Number.NaN)), "invalid_data");
      });
    },
  },
  {
    name: "bad training input gives typed errors",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      await withHandle(target, spec, async (handle) => {
        const weights = bootstrapWeights(spec, data.n);
        await assertRejects(
          "example weights of the wrong length",
          () => handle.fit({ data, exampleWeights: weights.subarray(1), epochs: 1 }),
          "shape_mismatch",
        );
        const bad = { ...data, y: data.y.map((v, i) => (i === 3 ? Number.POSITIVE_INFINITY : v)) };
        await assertRejects(
          "a non-finite target",
          () => handle.fit({ data: bad, exampleWeights: weights, epochs: 1 }),
          "invalid_data",
        );
        await assertRejects(
          "data of the wrong width",
          () => handle.fit({ data: wideData(), exampleWeights: new Float32Array(spec.members * 10), epochs: 1 }),
          "shape_mismatch",
        );
      });
    },
  },
  {
    name: "a non-finite loss stops training with a typed error naming member and epoch",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec({ ...SMALL, optimizer: { kind: "sgd", learningRate: 1e12, momentum: 0 } });
      const data = smallData();
      await withHandle(target, spec, async (handle) => {
        let caught: unknown;
        try {
          await handle.fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: 200 });
        } catch (error) {
          caught = error;
        }
        const diverged = caught as { code?: string; member?: number; epoch?: number } | undefined;
        assertThat(diverged?.code === "diverged", `expected error code "diverged", got ${String(caught)}`);
        const reference = referenceTrain(
          spec,
          initEnsembleParams(spec),
          data,
          bootstrapWeights(spec, data.n),
          200,
        ).losses;
        const first = reference.findIndex((loss) => !Number.isFinite(loss));
        assertThat(first >= 0, "the reference run should diverge too");
        // float32 overflows (3.4e38) before float64 does, so a float32 backend may diverge earlier.
        const latest = Math.floor(first / spec.members) + 1;
        const { member = -1, epoch = 0 } = diverged!;
        assertThat(
          Number.isInteger(member) && member >= 0 && member < spec.members && epoch >= 1 && epoch <= latest,
          `expected a member in 0..${spec.members - 1} and an epoch in 1..${latest}, got member ${member} in epoch ${epoch}`,
        );
      });
    },
  },
  {
    name: "a divergence names the lowest diverged member of the first diverged epoch, run after run",
    needs: "train",
    async run(target) {
      // Member 0 has no data (all weights 0), so it cannot diverge; members 1 and 2 do. On a
      // backend that splits members over threads they train in different groups: the member
      // named must not depend on which group answers first.
      const spec = resolveEnsembleSpec({ ...SMALL, optimizer: { kind: "sgd", learningRate: 1e12, momentum: 0 } });
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n).fill(0, 0, data.n);
      const named = new Set<string>();
      for (let run = 0; run < 3; run++) {
        const handle = await target.backend.createEnsemble(
          { spec, params: initEnsembleParams(spec) },
          target.device ? { device: target.device } : {},
        );
        // The losses the backend returned, to find the first non-finite one independently of core.
        const returned: number[] = [];
        const recording = {
          ...handle,
          prepareTraining: handle.prepareTraining.bind(handle),
          finalLosses: handle.finalLosses.bind(handle),
          predict: handle.predict.bind(handle),
          predictMember: handle.predictMember.bind(handle),
          params: handle.params.bind(handle),
          trainingState: handle.trainingState.bind(handle),
          dispose: handle.dispose.bind(handle),
          trainEpochs: async (epochs: number) => {
            const losses = await handle.trainEpochs(epochs);
            returned.push(...losses);
            return losses;
          },
        };
        const session = new HandleSession(recording, spec);
        let caught: unknown;
        try {
          await session.fit({ data, exampleWeights: weights, epochs: 200 });
        } catch (error) {
          caught = error;
        } finally {
          await session.dispose();
        }
        const diverged = caught as { code?: string; member?: number; epoch?: number } | undefined;
        assertThat(diverged?.code === "diverged", `expected error code "diverged", got ${String(caught)}`);
        // Divergence is the first loss float32 cannot hold (NaN, ±Infinity, or beyond ±3.4e38 after epoch 1).
        const first = returned.findIndex((loss) => !isFiniteFloat32(loss));
        const expected = { member: first % spec.members, epoch: Math.floor(first / spec.members) + 1 };
        assertThat(
          diverged!.member === expected.member && diverged!.epoch === expected.epoch,
          `named member ${diverged!.member} in epoch ${diverged!.epoch}; the first non-finite loss is member ${expected.member}'s in epoch ${expected.epoch}`,
        );
        const row = returned.slice((expected.epoch - 1) * spec.members, expected.epoch * spec.members);
        assertThat(Number.isFinite(row[0]!), `member 0 has no data and cannot diverge, but its loss is ${row[0]}`);
        named.add(`${diverged!.member}@${diverged!.epoch}`);
      }
      assertThat(named.size === 1, `three identical runs named different members: ${[...named].join(", ")}`);
    },
  },
  {
    name: "progress is reported and an AbortSignal stops training",
    needs: "train",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      await withHandle(target, spec, async (handle) => {
        const seen: number[] = [];
        await handle.fit({
          data,
          exampleWeights: weights,
          epochs: 30,
          progressEvery: 10,
          onProgress: (p) => seen.push(p.epoch),
        });
        assertThat(seen.join(",") === "10,20,30", `progress epochs should be 10,20,30, got ${seen.join(",")}`);
        const controller = new AbortController();
        controller.abort();
        await assertRejects(
          "an already aborted signal",
          () => handle.fit({ data, exampleWeights: weights, epochs: 5, signal: controller.signal }),
          "aborted",
        );
        const later = new AbortController();
        const started = Date.now();
        setTimeout(() => later.abort(), 50);
        await assertRejects(
          "a signal aborted mid-training",
          () => handle.fit({ data, exampleWeights: weights, epochs: 10_000_000, signal: later.signal }),
          "aborted",
        );
        assertThat(Date.now() - started < 2000, `abort took ${Date.now() - started} ms; expected well under 1 s`);
      });
    },
  },
  {
    name: "random specs, shapes and data give a typed error or a finite, correctly shaped result",
    needs: "infer",
    async run(target) {
      const value = fc.oneof(
        { weight: 9, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
        { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) },
      );
      const scenario = fc.record({
        members: fc.integer({ min: 1, max: 4 }),
        inputSize: fc.integer({ min: 1, max: 3 }),
        outputSize: fc.integer({ min: 1, max: 2 }),
        hiddenSizes: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
        activation: fc.constantFrom(...ACTIVATION_NAMES),
        priorScale: fc.double({ min: 0, max: 10, noNaN: true }),
        batchSize: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
        n: fc.integer({ min: 1, max: 12 }),
        values: fc.array(value, { minLength: 60, maxLength: 60 }),
      });
      await fc.assert(
        fc.asyncProperty(scenario, async (c) => {
          const spec = resolveEnsembleSpec({
            members: c.members,
            inputSize: c.inputSize,
            outputSize: c.outputSize,
            priorScale: c.priorScale,
            batchSize: c.batchSize,
            trainable: { hiddenSizes: c.hiddenSizes, activation: c.activation },
            epochs: 3,
            seed: 5,
          });
          const pick = (count: number, from: number) =>
            Float32Array.from({ length: count }, (_, i) => c.values[(from + i) % c.values.length]!);
          const x = pick(c.n * spec.inputSize, 0);
          const data = {
            x,
            y: pick(c.n * spec.outputSize, 31),
            n: c.n,
            inputSize: spec.inputSize,
            outputSize: spec.outputSize,
          };
          await withHandle(target, spec, async (handle) => {
            if (target.backend.capabilities.train) {
              await expectFiniteOrTyped(async () => {
                const fit = await handle.fit({ data, exampleWeights: bootstrapWeights(spec, c.n), epochs: 3 });
                assertThat(
                  fit.lossHistory.length === 3 * spec.members && fit.finalLosses.length === spec.members,
                  "fit result has the wrong shape",
                );
                return [...fit.lossHistory, ...fit.finalLosses];
              });
            }
            await expectFiniteOrTyped(async () => {
              const out = await handle.predict(x);
              assertThat(out.members.length === spec.members * c.n * spec.outputSize, "prediction has the wrong shape");
              return [...out.members, ...out.prior, ...out.trainable];
            });
          });
        }),
        { numRuns: 15, seed: 7 },
      );
    },
  },
  {
    name: "1000 predict and 100 fit calls keep live objects and the heap bounded",
    needs: "infer",
    async run(target) {
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      const weights = bootstrapWeights(spec, data.n);
      const x = grid.subarray(0, 10);
      const heap = () => (typeof process === "undefined" ? 0 : process.memoryUsage().heapUsed);
      await withHandle(target, spec, async (handle) => {
        await handle.predict(x);
        if (target.backend.capabilities.train) await handle.fit({ data, exampleWeights: weights, epochs: 1 });
        const objectsBefore = target.memoryProbe?.();
        const heapBefore = heap();
        for (let i = 0; i < 1000; i++) await handle.predict(x);
        if (target.backend.capabilities.train)
          for (let i = 0; i < 100; i++) await handle.fit({ data, exampleWeights: weights, epochs: 1 });
        const objectsAfter = target.memoryProbe?.();
        assertThat(
          objectsAfter === objectsBefore,
          `live objects went from ${objectsBefore} to ${objectsAfter} over 1000 predict and 100 fit calls`,
        );
        const grownMiB = (heap() - heapBefore) / 2 ** 20;
        assertThat(
          grownMiB < MAX_HEAP_GROWTH_MIB,
          `the heap grew by ${grownMiB.toFixed(1)} MiB over 1000 predict and 100 fit calls`,
        );
      });
    },
  },
  {
    name: "a disposed handle refuses work",
    needs: "infer",
    async run(target) {
      const handle = await open(target, resolveEnsembleSpec(SMALL));
      await handle.dispose();
      await assertRejects("predict after dispose", () => handle.predict(grid), "invalid_argument");
      await assertRejects("params after dispose", () => handle.params(), "invalid_argument");
    },
  },
  ...GAUSSIAN_CASES,
  ...CATEGORICAL_CASES,
  ...DECISION_CASES,
  {
    name: "create, fit, predict and dispose leak no live objects",
    needs: "infer",
    async run(target) {
      const probe = target.memoryProbe;
      assertThat(probe !== undefined, "this case needs a memoryProbe (e.g. tf.memory().numTensors)");
      const spec = resolveEnsembleSpec(SMALL);
      const data = smallData();
      const before = probe!();
      const handle = await open(target, spec);
      const duringTraining = new Set<number>();
      for (let round = 0; round < 3; round++) {
        await handle.predict(grid);
        if (target.backend.capabilities.train) {
          const onProgress = () => duringTraining.add(probe!());
          await handle.fit({
            data,
            exampleWeights: bootstrapWeights(spec, data.n),
            epochs: 12,
            progressEvery: 3,
            onProgress,
          });
        }
      }
      await handle.dispose();
      const after = probe!();
      assertThat(duringTraining.size <= 1, `live objects changed between epochs: ${[...duringTraining].join(", ")}`);
      assertThat(
        after === before,
        `live objects went from ${before} to ${after} across create, fit, predict and dispose`,
      );
    },
  },
];

/** Runs one case by name (for tests that check the suite catches broken backends). */
export async function runConformanceCase(name: string, target: ConformanceTarget): Promise<void> {
  const found = CONFORMANCE_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no conformance case named "${name}"`);
  await found.run(target);
}
