import { InvalidArgumentError } from "../errors.js";
import { normal, uniform } from "../random/distributions.js";
import { foldIn, keyFromSeed } from "../random/key.js";
import type { Dataset } from "./dataset.js";

function assertPointCount(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_TOY_POINTS) {
    throw new InvalidArgumentError(`toy data needs an integer number of points from 1 to ${MAX_TOY_POINTS}, got ${n}`, {
      field: "n",
      accepted: `1 to ${MAX_TOY_POINTS}`,
    });
  }
}

/**
 * Options of the toy data sets: seed (default 0), number of points n and the noise's standard deviation (y units).
 */
export interface ToyDataOptions {
  seed?: number;
  n?: number;
  noiseStd?: number;
}

const TOY_PURPOSE = { x: 0, noise: 1, heteroscedasticX: 2, heteroscedasticNoise: 3 } as const;

/** More points than this are refused: the arrays would need gigabytes (and more for training). */
export const MAX_TOY_POINTS = 10_000_000;

/**
 * The seed notebook's data (Blundell et al. 2015): x ~ U(0, 0.5) and, with three independent
 * N(0, noiseStd²) draws per point, y = x + 0.3 sin(2π(x + ε1)) + 0.3 sin(4π(x + ε2)) + ε3.
 * @throws {InvalidArgumentError} when n is not an integer from 1 to MAX_TOY_POINTS.
 */
export function makeToyData(options: ToyDataOptions = {}): Dataset {
  const { seed = 0, n = 100, noiseStd = 0.02 } = options;
  assertPointCount(n);
  const root = keyFromSeed(seed);
  const x = uniform(foldIn(root, TOY_PURPOSE.x), n, 0, 0.5);
  const eps = normal(foldIn(root, TOY_PURPOSE.noise), 3 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const e1 = eps[3 * i]! * noiseStd;
    const e2 = eps[3 * i + 1]! * noiseStd;
    const e3 = eps[3 * i + 2]! * noiseStd;
    y[i] = xi + 0.3 * Math.sin(2 * Math.PI * (xi + e1)) + 0.3 * Math.sin(4 * Math.PI * (xi + e2)) + e3;
  }
  return { x, y, n, inputSize: 1, outputSize: 1 };
}

/** The heteroscedastic toy set's noise standard deviation at x: 0.05 at x = 0, rising linearly to 0.25 at x = 1. */
export function heteroscedasticNoiseStd(x: number): number {
  return 0.05 + 0.2 * x;
}

/**
 * A heteroscedastic toy set for the Gaussian head (docs/heads.md): x ~ U(0, 1) and
 * y = sin(3x) + ε with ε ~ N(0, s(x)²), s = heteroscedasticNoiseStd. Drawn from core's keys, so
 * the same seed gives the same points everywhere.
 * @throws {InvalidArgumentError} when n is not an integer from 1 to MAX_TOY_POINTS.
 */
export function makeHeteroscedasticToyData(options: Pick<ToyDataOptions, "seed" | "n"> = {}): Dataset {
  const { seed = 0, n = 500 } = options;
  assertPointCount(n);
  const root = keyFromSeed(seed);
  const x = uniform(foldIn(root, TOY_PURPOSE.heteroscedasticX), n, 0, 1);
  const eps = normal(foldIn(root, TOY_PURPOSE.heteroscedasticNoise), n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = Math.sin(3 * x[i]!) + eps[i]! * heteroscedasticNoiseStd(x[i]!);
  return { x, y, n, inputSize: 1, outputSize: 1 };
}
