import type { Backend } from "../backend/contract.js";
import type { DeviceName } from "../backend/devices.js";
import { linspace } from "../data/dataset.js";
import { heteroscedasticNoiseStd, makeHeteroscedasticToyData } from "../data/toy.js";
import { Ensemble } from "../ensemble/ensemble.js";

/*
 * The Gaussian head's must-show (docs/heads.md), one measurement for every backend: train on the
 * heteroscedastic toy set (x ~ U(0, 1), y = sin(3x) + ε, std(ε) rising from 0.05 to 0.25) and
 * compare the predicted noise std with the truth, and the members' disagreement far from the data
 * with the disagreement inside it. Settings chosen so the bounds hold with a margin in seconds.
 */
const SETTINGS = {
  members: 5,
  head: "gaussian",
  standardize: "xy",
  batchSize: 250,
  epochs: 300,
  optimizer: { kind: "adam", learningRate: 0.01 },
  seed: 1,
} as const;
/** 2,000 points: with 500 the local noise estimate missed by up to 22% on one of four seeds; with 2,000 by at most 6%. */
const POINTS = 2000;
/** Where the noise estimate is checked. */
export const NOISE_PROBES = [0.2, 0.5, 0.8] as const;

/**
 * How well a trained Gaussian head recovers the toy set's noise and keeps its disagreement high away from the data.
 */
export interface NoiseRecovery {
  /** Predicted aleatoricStd / true noise std at each of NOISE_PROBES. */
  readonly ratios: readonly number[];
  /** Mean epistemicStd over |x| ∈ [2, 5] divided by its mean over [0, 1]. */
  readonly farOverInside: number;
}

/**
 * Trains the Gaussian head on 2,000 heteroscedastic toy points (data seed 2; 5 members,
 * standardize "xy", batch 250, 300 epochs, Adam lr 0.01, seed 1) on `backend` and measures how
 * well it recovers the noise and keeps ignorance apart (docs/heads.md, "The must-show").
 * @throws {UnsupportedError | BackendUnavailableError} when `backend` cannot train the Gaussian head on `device`.
 * @throws {InvalidArgumentError | ShapeError | DataError | NonFiniteOutputError} when the backend returns what the
 *   contract forbids (the settings and data here are valid).
 * @throws {DivergenceError} when the backend's training diverges.
 */
export async function measureNoiseRecovery(backend: Backend, device?: DeviceName): Promise<NoiseRecovery> {
  const data = makeHeteroscedasticToyData({ seed: 2, n: POINTS });
  const ensemble = await Ensemble.create(SETTINGS, device ? { backend, device } : { backend });
  try {
    // cannot throw {AbortedError | JobFailedError}: no signal or queue is passed
    await ensemble.fit(data);
    const atProbes = await ensemble.predict([...NOISE_PROBES]);
    const ratios = NOISE_PROBES.map((x, i) => atProbes.aleatoricStd[i]! / heteroscedasticNoiseStd(x));
    const inside = await ensemble.predict(linspace(0, 1, 101));
    const far = await ensemble.predict([...linspace(-5, -2, 61), ...linspace(2, 5, 61)]);
    const mean = (values: Float32Array) => values.reduce((a, b) => a + b, 0) / values.length;
    return { ratios, farOverInside: mean(far.epistemicStd) / mean(inside.epistemicStd) };
  } finally {
    await ensemble.dispose();
  }
}
