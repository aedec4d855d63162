import { type Dataset, makeToyData } from "../data/index.js";
import type { EnsembleSpecInput } from "../spec/types.js";

/**
 * The ensembles and data the conformance suite's families share (cases.ts, gaussian-cases.ts,
 * categorical-cases.ts): each family adds its head and sizes to the same two ensembles.
 */

/** Three members of [8, 8] trained 50 epochs from seed 7. */
export const SMALL: EnsembleSpecInput = { members: 3, trainable: { hiddenSizes: [8, 8] }, epochs: 50, seed: 7 };

/** Two members, [3 → 2], whose prior differs from the trainable network in depth, activation and initialiser. */
export const WIDE_IO: EnsembleSpecInput = {
  members: 2,
  inputSize: 3,
  outputSize: 2,
  trainable: { hiddenSizes: [6], activation: "tanh" },
  prior: { hiddenSizes: [5, 4], activation: "relu", kernelInit: "he_normal" },
  priorScale: 1.5,
  seed: 3,
};

/** The seed notebook's toy data, n points from seed 11 (x, y: [n, 1]). */
export function smallData(n = 24): Dataset {
  return makeToyData({ seed: 11, n });
}

/** A deterministic dataset for the [3 → 2] spec: x [n, 3], y [n, 2]. */
export function wideData(n = 10): Dataset {
  const x = Float32Array.from({ length: n * 3 }, (_, i) => Math.fround(Math.sin(i * 1.7) * 0.8));
  const y = Float32Array.from({ length: n * 2 }, (_, i) => Math.fround(Math.cos(i * 0.9) * 0.5));
  return { x, y, n, inputSize: 3, outputSize: 2 };
}
