import { normal, uniform } from "../random/distributions.js";
import { foldIn, keyFromSeed } from "../random/key.js";
import type { Dataset } from "./dataset.js";

export interface ToyDataOptions {
  seed?: number;
  n?: number;
  noiseStd?: number;
}

const TOY_PURPOSE = { x: 0, noise: 1 } as const;

/**
 * The seed notebook's data (Blundell et al. 2015): x ~ U(0, 0.5) and, with three independent
 * N(0, noiseStd²) draws per point, y = x + 0.3 sin(2π(x + ε1)) + 0.3 sin(4π(x + ε2)) + ε3.
 */
export function makeToyData(options: ToyDataOptions = {}): Dataset {
  const { seed = 0, n = 100, noiseStd = 0.02 } = options;
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
