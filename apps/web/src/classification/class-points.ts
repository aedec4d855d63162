import { type Classification2dName, makeClassification2d } from "@rpf/core";
import { foldIn, keyFromSeed, permutation } from "@rpf/core/random";

/** One point of the 2D plane: its coordinates, its class and whether it is held out for testing. */
export interface ClassPoint {
  readonly x1: number;
  readonly x2: number;
  readonly classIndex: number;
  readonly test: boolean;
}

/** What a generated sample is drawn from: the data set, its noise level, its size, the split and the seed. */
export interface SampleSettings {
  readonly dataset: Classification2dName;
  /** 0 to 0.5, as core's data sets take it. */
  readonly noise: number;
  readonly count: number;
  /** The fraction of the generated points trained on, 0.1 to 0.9; the rest are the test set. */
  readonly trainFraction: number;
  readonly seed: number;
}

/** Fold-in purposes under the sample's seed: the points, and which of them are held out. */
const PURPOSE = { points: 0, split: 1 } as const;

/**
 * Which of `count` points are test points: a permutation from core's keys puts the first
 * round(count · trainFraction) of it in training, so the same seed splits the same way, and a
 * larger fraction only moves test points into training.
 */
export function testMask(count: number, trainFraction: number, seed: number): boolean[] {
  const order = permutation(foldIn(keyFromSeed(seed), PURPOSE.split), count);
  const trainCount = Math.round(count * trainFraction);
  const test = new Array<boolean>(count).fill(false);
  for (let rank = trainCount; rank < count; rank++) test[order[rank]!] = true;
  return test;
}

/** The sample these settings describe: core's data set, split into training and test points. */
export function generateSample(settings: SampleSettings): ClassPoint[] {
  const { dataset, noise, count, trainFraction, seed } = settings;
  const data = makeClassification2d(dataset, { key: foldIn(keyFromSeed(seed), PURPOSE.points), n: count, noise });
  const test = testMask(count, trainFraction, seed);
  return Array.from({ length: count }, (_, i) => ({
    x1: data.x[2 * i]!,
    x2: data.x[2 * i + 1]!,
    classIndex: data.classIndex[i]!,
    test: test[i]!,
  }));
}

/** Points as the worker takes them: x float32 [n, 2] and the class indices [n]. */
export interface PointArrays {
  readonly x: Float32Array;
  readonly classIndex: Int32Array;
}

export function pointArrays(points: readonly ClassPoint[]): PointArrays {
  const x = new Float32Array(points.length * 2);
  const classIndex = new Int32Array(points.length);
  points.forEach((p, i) => {
    x[2 * i] = p.x1;
    x[2 * i + 1] = p.x2;
    classIndex[i] = p.classIndex;
  });
  return { x, classIndex };
}
