import { InvalidArgumentError } from "../errors.js";
import { normal, uniform } from "../random/distributions.js";
import { foldIn, keyFromSeed, type RandomKey } from "../random/key.js";
import { MAX_TOY_POINTS } from "./toy.js";

/**
 * The 2D classification sets, after TensorFlow Playground's four classification problems (the
 * shapes are the Playground's; the noise scales and the balanced class split are rpf's, below).
 */
export const CLASSIFICATION_2D_NAMES = ["circle", "xor", "clusters", "spiral"] as const;
/** One of CLASSIFICATION_2D_NAMES. */
export type Classification2dName = (typeof CLASSIFICATION_2D_NAMES)[number];

/** The largest accepted noise level: the Playground's slider also ends at one half. */
export const MAX_CLASSIFICATION_2D_NOISE = 0.5;

/**
 * Half the side of the square every noiseless point lies in: noiseless points have both
 * coordinates in [−CLASSIFICATION_2D_EXTENT, CLASSIFICATION_2D_EXTENT]; noise can push a point out.
 */
export const CLASSIFICATION_2D_EXTENT = 6;

/** Options of a 2D classification set: a key (or a seed, default 0), the point count and the noise level. */
export interface Classification2dOptions {
  /** The key the points are drawn from; when given, `seed` is ignored. */
  key?: RandomKey;
  /** A non-negative integer seed; the key is `keyFromSeed(seed)`. Default 0. */
  seed?: number;
  /** Number of points, an integer from 2 to MAX_TOY_POINTS. Default 200. */
  n?: number;
  /** Noise level in [0, 0.5]: 0 keeps the classes separable; what it scales is per set (see each maker). Default 0. */
  noise?: number;
}

/** A labelled 2D point set: `x` float32 [n, 2] row-major (x₁, x₂), `classIndex` int32 [n] in [0, classCount). */
export interface Classification2dData {
  n: number;
  x: Float32Array;
  classIndex: Int32Array;
  classCount: number;
}

/** Fold-in purposes: each set draws its shape and its noise from keys of their own. */
const PURPOSE = { shape: 0, shapeSecond: 1, noise: 2 } as const;

interface Resolved {
  key: RandomKey;
  n: number;
  noise: number;
}

function resolve(options: Classification2dOptions): Resolved {
  const { seed = 0, n = 200, noise = 0 } = options;
  if (!Number.isInteger(n) || n < 2 || n > MAX_TOY_POINTS) {
    throw new InvalidArgumentError(
      `a 2D classification set needs an integer number of points from 2 to ${MAX_TOY_POINTS}, got ${n}`,
      { field: "n", accepted: `2 to ${MAX_TOY_POINTS}` },
    );
  }
  if (!(noise >= 0 && noise <= MAX_CLASSIFICATION_2D_NOISE)) {
    throw new InvalidArgumentError(
      `the noise level of a 2D classification set must be a number from 0 to ${MAX_CLASSIFICATION_2D_NOISE}, got ${noise}`,
      { field: "noise", accepted: `0 to ${MAX_CLASSIFICATION_2D_NOISE}` },
    );
  }
  return { key: options.key ?? keyFromSeed(seed), n, noise };
}

/** Classes alternate 0, 1, 0, 1, …: both classes get ⌊n/2⌋ or ⌈n/2⌉ points, and every prefix is balanced too. */
function alternatingClasses(n: number): Int32Array {
  const classIndex = new Int32Array(n);
  for (let i = 0; i < n; i++) classIndex[i] = i % 2;
  return classIndex;
}

/** Adds U(−scale, scale) to both coordinates of every point (drawn from the noise key). */
function jitter(x: Float32Array, key: RandomKey, scale: number): void {
  if (scale === 0) return;
  const shift = uniform(foldIn(key, PURPOSE.noise), x.length, -scale, scale);
  for (let i = 0; i < x.length; i++) x[i] = Math.fround(x[i]! + shift[i]!);
}

/**
 * Circle: class 0 fills a disc of radius 2.5 around the origin, class 1 a ring with radius from
 * 3.5 to 5 (the Playground's 0.5 and 0.7 to 1 of radius 5). Radius and angle are uniform, so the
 * disc is denser at its centre. Noise adds U(−5·noise, 5·noise) to each coordinate; the class stays
 * that of the shape the point was drawn from, so from noise ≈ 0.1 the classes overlap.
 * @throws {InvalidArgumentError} when n is not an integer from 2 to MAX_TOY_POINTS or noise is outside [0, 0.5].
 */
export function makeCircleData(options: Classification2dOptions = {}): Classification2dData {
  const { key, n, noise } = resolve(options);
  const classIndex = alternatingClasses(n);
  const unitRadius = uniform(foldIn(key, PURPOSE.shape), n);
  const angle = uniform(foldIn(key, PURPOSE.shapeSecond), n, 0, 2 * Math.PI);
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const r = classIndex[i] === 0 ? 2.5 * unitRadius[i]! : 3.5 + 1.5 * unitRadius[i]!;
    x[2 * i] = r * Math.cos(angle[i]!);
    x[2 * i + 1] = r * Math.sin(angle[i]!);
  }
  jitter(x, key, 5 * noise);
  return { n, x, classIndex, classCount: 2 };
}

/**
 * XOR: each coordinate uniform in [0.3, 5.3] in magnitude (the Playground's ±5 moved 0.3 away from
 * the axes); class 0 holds the quadrants where x₁·x₂ > 0, class 1 those where x₁·x₂ < 0, each of a
 * point's two quadrants chosen with probability 1/2. Noise adds U(−5·noise, 5·noise) to each
 * coordinate without changing the class.
 * @throws {InvalidArgumentError} when n is not an integer from 2 to MAX_TOY_POINTS or noise is outside [0, 0.5].
 */
export function makeXorData(options: Classification2dOptions = {}): Classification2dData {
  const { key, n, noise } = resolve(options);
  const classIndex = alternatingClasses(n);
  const magnitude = uniform(foldIn(key, PURPOSE.shape), 2 * n, 0.3, 5.3);
  const firstSign = uniform(foldIn(key, PURPOSE.shapeSecond), n);
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const s1 = firstSign[i]! < 0.5 ? -1 : 1;
    const s2 = classIndex[i] === 0 ? s1 : -s1;
    x[2 * i] = s1 * magnitude[2 * i]!;
    x[2 * i + 1] = s2 * magnitude[2 * i + 1]!;
  }
  jitter(x, key, 5 * noise);
  return { n, x, classIndex, classCount: 2 };
}

/**
 * Gaussian clusters: class 0 around (2, 2), class 1 around (−2, −2), each coordinate normal with
 * standard deviation 0.5 + 3·noise (0.5 to 2). At noise 0 the centres are 5.7 standard deviations
 * from the separating line x₁ + x₂ = 0, so no drawn point is expected to cross it.
 * @throws {InvalidArgumentError} when n is not an integer from 2 to MAX_TOY_POINTS or noise is outside [0, 0.5].
 */
export function makeClustersData(options: Classification2dOptions = {}): Classification2dData {
  const { key, n, noise } = resolve(options);
  const classIndex = alternatingClasses(n);
  const std = 0.5 + 3 * noise;
  const z = normal(foldIn(key, PURPOSE.shape), 2 * n);
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const centre = classIndex[i] === 0 ? 2 : -2;
    x[2 * i] = centre + std * z[2 * i]!;
    x[2 * i + 1] = centre + std * z[2 * i + 1]!;
  }
  return { n, x, classIndex, classCount: 2 };
}

/**
 * Spiral: two interleaved arms. A point at position t ∈ [0, 1) along its arm (uniform) lies at radius
 * 5t and angle 3.5π·t, plus π for class 1; noise adds U(−noise, noise) to each coordinate (the arms are
 * about 1.4 apart at the same angle, so noise 0.5 makes them touch).
 * @throws {InvalidArgumentError} when n is not an integer from 2 to MAX_TOY_POINTS or noise is outside [0, 0.5].
 */
export function makeSpiralData(options: Classification2dOptions = {}): Classification2dData {
  const { key, n, noise } = resolve(options);
  const classIndex = alternatingClasses(n);
  const t = uniform(foldIn(key, PURPOSE.shape), n);
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const angle = 3.5 * Math.PI * t[i]! + (classIndex[i] === 0 ? 0 : Math.PI);
    x[2 * i] = 5 * t[i]! * Math.cos(angle);
    x[2 * i + 1] = 5 * t[i]! * Math.sin(angle);
  }
  jitter(x, key, noise);
  return { n, x, classIndex, classCount: 2 };
}

const MAKERS: Record<Classification2dName, (options: Classification2dOptions) => Classification2dData> = {
  circle: makeCircleData,
  xor: makeXorData,
  clusters: makeClustersData,
  spiral: makeSpiralData,
};

/** True when `name` is one of CLASSIFICATION_2D_NAMES. */
export function isClassification2dName(name: string): name is Classification2dName {
  return (CLASSIFICATION_2D_NAMES as readonly string[]).includes(name);
}

/**
 * The 2D classification set called `name` (see makeCircleData, makeXorData, makeClustersData, makeSpiralData).
 * @throws {InvalidArgumentError} for an unknown name, n outside 2 to MAX_TOY_POINTS, or noise outside [0, 0.5].
 */
export function makeClassification2d(name: string, options: Classification2dOptions = {}): Classification2dData {
  if (!isClassification2dName(name)) {
    throw new InvalidArgumentError(
      `unknown 2D classification set "${name}"; accepted: ${CLASSIFICATION_2D_NAMES.join(", ")}`,
      { field: "dataset", accepted: CLASSIFICATION_2D_NAMES.join(", ") },
    );
  }
  return MAKERS[name](options);
}
