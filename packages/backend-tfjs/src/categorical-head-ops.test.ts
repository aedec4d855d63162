import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { categoricalLoss, categoricalLossAndGradient } from "./categorical-head-ops.js";
import { startDevice } from "./devices.js";

/** A batch as flat arrays: t and β·p [M, n, K], y one-hot [n, K] (the same for every member), w [M, n]. */
interface Batch {
  readonly members: number;
  readonly n: number;
  readonly classes: number;
  readonly t: number[];
  readonly priorOut: number[];
  readonly y: number[];
  readonly w: number[];
}

/**
 * The contract's formulas in float64, written out here (docs/heads.md): z = t + β·p,
 * CE = logsumexp(z) − z_y, L = Σᵢ wᵢ·CEᵢ / n, ∂L/∂t = w·(softmax(z) − y)/n.
 */
function float64Reference({ members, n, classes, t, priorOut, y, w }: Batch) {
  const losses = new Float64Array(members);
  const grad = new Float64Array(members * n * classes);
  for (let m = 0; m < members; m++) {
    for (let i = 0; i < n; i++) {
      const row = (m * n + i) * classes;
      const z = Array.from({ length: classes }, (_, k) => t[row + k]! + priorOut[row + k]!);
      const max = Math.max(...z);
      const logSumExp = max + Math.log(z.reduce((sum, v) => sum + Math.exp(v - max), 0));
      const weight = w[m * n + i]!;
      for (let k = 0; k < classes; k++) {
        const target = y[i * classes + k]!;
        losses[m] = losses[m]! + (weight * target * (logSumExp - z[k]!)) / n;
        grad[row + k] = (weight * (Math.exp(z[k]! - logSumExp) - target)) / n;
      }
    }
  }
  return { losses, grad };
}

function tensors({ members, n, classes, t, priorOut, y, w }: Batch) {
  return {
    output: tf.tensor3d(t, [members, n, classes]),
    priorOut: tf.tensor3d(priorOut, [members, n, classes]),
    y: tf.tile(tf.tensor3d(y, [1, n, classes]), [members, 1, 1]) as tf.Tensor3D,
    weights: tf.tensor3d(w, [members, n, 1]),
  };
}

async function computed(batch: Batch) {
  const { losses, outputGrad, alone } = tf.tidy(() => {
    const input = tensors(batch);
    return { ...categoricalLossAndGradient(input), alone: categoricalLoss(input) };
  });
  const out = {
    losses: Float64Array.from(await losses.data()),
    grad: Float64Array.from(await outputGrad.data()),
    alone: Float64Array.from(await alone.data()),
  };
  tf.dispose([losses, outputGrad, alone]);
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) {
    expect(Number.isFinite(actual[i]!), `entry ${i} is finite`).toBe(true);
    expect(Math.abs(actual[i]! - expected[i]!), `entry ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(expected[i]!)),
    );
  }
}

/** A deterministic pseudo-random value in [−scale, scale) (a fixed LCG; the values only need to vary). */
function values(count: number, seed: number, scale: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return (state / 2_147_483_648) * 2 * scale - scale;
  });
}

function oneHotRows(classIndex: readonly number[], classes: number): number[] {
  return classIndex.flatMap((c) => Array.from({ length: classes }, (_, k) => (k === c ? 1 : 0)));
}

describe.each(["cpu", "wasm"] as const)("tfjs:%s categorical head ops", (device) => {
  it("give the contract's loss and logit gradient: bootstrap weights, β·p on every logit, divided by n", async () => {
    await startDevice(device);
    const members = 2;
    const n = 5;
    const classes = 4;
    const batch: Batch = {
      members,
      n,
      classes,
      t: values(members * n * classes, 1, 3),
      // β·p differs across classes, so adding it to one logit only (or not at all) changes the loss.
      priorOut: values(members * n * classes, 2, 2),
      y: oneHotRows([0, 3, 1, 2, 3], classes),
      // Weight 0 drops an example and 2 or 3 count it as copies, as the bootstrap does.
      w: [1, 0, 2, 1, 3, 0, 1, 1, 2, 1],
    };
    const expected = float64Reference(batch);
    const actual = await computed(batch);
    expectClose(actual.losses, expected.losses, 1e-5);
    expectClose(actual.alone, expected.losses, 1e-5);
    expectClose(actual.grad, expected.grad, 1e-5);
  });

  it("stay finite and exact for logits far beyond exp's float32 range (log-sum-exp with the max subtracted)", async () => {
    await startDevice(device);
    const classes = 3;
    // exp(1000) overflows float32 (and float64); without the shift the loss would be Infinity or NaN.
    const batch: Batch = {
      members: 1,
      n: 2,
      classes,
      t: [1000, 0, -1000, -500, 400, 399],
      priorOut: [0, 0, 0, 0, 0, 0],
      y: oneHotRows([1, 2], classes),
      w: [1, 1],
    };
    const actual = await computed(batch);
    // Row 1: CE = 1000 (softmax puts all its mass on class 0); row 2: CE = 1 + log(1 + e⁻¹) ≈ 1.3133.
    const expected = float64Reference(batch);
    expectClose(actual.losses, expected.losses, 1e-6);
    expectClose(actual.grad, expected.grad, 1e-6);
    expect(actual.losses[0]).toBeCloseTo((1000 + 1 + Math.log(1 + Math.exp(-1))) / 2, 3);
  });
});
