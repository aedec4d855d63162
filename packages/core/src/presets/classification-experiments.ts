import {
  CLASSIFICATION_2D_EXTENT,
  CLASSIFICATION_2D_NAMES,
  type Classification2dData,
  type Classification2dName,
  makeClassification2d,
} from "../data/toy-2d.js";
import { InvalidArgumentError } from "../errors.js";
import type { EnsembleSpecInput } from "../spec/types.js";
import type { ExperimentCell } from "./notebook-experiments.js";

/**
 * The data of `rpf reproduce classification` (and of the playground's ablation view): each of the
 * four 2D sets (data/toy-2d.ts) with 200 points, noise 0.1 (the classes of circle and xor just
 * touch, so there is some aleatoric uncertainty at the boundaries), seed 0.
 */
export const CLASSIFICATION_DATA = { points: 200, noise: 0.1, seed: 0 } as const;

/**
 * The plane the figures cover, [−extent, extent]² on a count × count grid: the data's square
 * (±CLASSIFICATION_2D_EXTENT) in the middle, and room around it to see what the ensembles do far away.
 */
export const CLASSIFICATION_PLANE = { extent: 16, count: 41 } as const;

/**
 * Where "far from the data" is measured: `points` inputs evenly spaced on a circle of this radius
 * around the origin, 2.5 × CLASSIFICATION_2D_EXTENT. The farthest noiseless point of any set is at
 * most 6·√2 ≈ 8.5 from the origin, so the ring stays more than 6 away from every training point
 * (checked for each set in the presets' tests) and inside the figures' plane.
 */
export const CLASSIFICATION_RING = { radius: 2.5 * CLASSIFICATION_2D_EXTENT, points: 90 } as const;

/**
 * The β of the ablation's "with prior" cells (β = 0 in the others), on logits of standardised
 * inputs. At 1000 epochs, β = 10 and 30 gave mean MI on the ring of 0.071 and 0.096 (xor), 0.071
 * and 0.151 (clusters), 0.280 and 0.288 (spiral), against 0.048, 0.044 and 0.252 at β = 3 (the
 * --quick run): 10 is where the priors start to show far from the data without taking over the fit.
 */
export const CLASSIFICATION_ABLATION_BETA = 10;

/** One ablation: every cell trains `members` for `epochs` on each of `datasets`. */
export interface ClassificationExperiment {
  readonly name: string;
  readonly datasets: readonly Classification2dName[];
  readonly members: number;
  readonly epochs: number;
  readonly hiddenSizes: readonly number[];
  readonly learningRate: number;
  readonly cells: readonly ExperimentCell[];
}

/** The 2D prior × bootstrap ablation of issue 15: four cells on each of the four sets. */
export const CLASSIFICATION_ABLATION: ClassificationExperiment = {
  name: "2D prior × bootstrap ablation",
  datasets: [...CLASSIFICATION_2D_NAMES],
  members: 9,
  epochs: 1000,
  hiddenSizes: [32, 32],
  learningRate: 0.01,
  cells: [
    {
      id: "prior and bootstrap",
      caption: `prior (β = ${CLASSIFICATION_ABLATION_BETA}) and bootstrap`,
      figureTitle: `prior (β = ${CLASSIFICATION_ABLATION_BETA}), bootstrap`,
      priorScale: CLASSIFICATION_ABLATION_BETA,
      bootstrap: "resample",
    },
    {
      id: "prior, no bootstrap",
      caption: `prior (β = ${CLASSIFICATION_ABLATION_BETA}), no bootstrap`,
      figureTitle: `prior (β = ${CLASSIFICATION_ABLATION_BETA}), no bootstrap`,
      priorScale: CLASSIFICATION_ABLATION_BETA,
      bootstrap: "none",
    },
    {
      id: "bootstrap, no prior",
      caption: "bootstrap, no prior (β = 0)",
      figureTitle: "no prior (β = 0), bootstrap",
      priorScale: 0,
      bootstrap: "resample",
    },
    {
      id: "no prior, no bootstrap",
      caption: "neither prior nor bootstrap",
      figureTitle: "no prior (β = 0), no bootstrap",
      priorScale: 0,
      bootstrap: "none",
    },
  ],
};

/**
 * The points of set `name` that the ablation trains on (CLASSIFICATION_DATA).
 * @throws {InvalidArgumentError} from makeClassification2d, for a name outside CLASSIFICATION_2D_NAMES
 * (the type allows none) or for CLASSIFICATION_DATA outside its ranges (it is inside).
 */
export function classificationExperimentData(name: Classification2dName): Classification2dData {
  const { points, noise, seed } = CLASSIFICATION_DATA;
  return makeClassification2d(name, { n: points, noise, seed });
}

/**
 * The spec input of one ablation cell: a categorical head over the two classes of a 2D set, inputs
 * standardised with the training points' mean and std, the experiment's network and optimiser, seed 0.
 * `epochs` overrides the experiment's (the CLI's --quick divides them).
 */
export function classificationRunSpec(
  experiment: ClassificationExperiment,
  cell: ExperimentCell,
  epochs: number = experiment.epochs,
): EnsembleSpecInput {
  return {
    head: "categorical",
    inputSize: 2,
    outputSize: 2,
    standardize: "x",
    members: experiment.members,
    epochs,
    priorScale: cell.priorScale,
    bootstrap: { kind: cell.bootstrap },
    trainable: { hiddenSizes: [...experiment.hiddenSizes] },
    optimizer: { learningRate: experiment.learningRate },
    seed: CLASSIFICATION_DATA.seed,
  };
}

/**
 * A count × count grid over [−extent, extent]², as float32 [count², 2] row-major (x₁, x₂); x₂ runs
 * slowest, from −extent, so row r of the grid holds the points with x₂ = −extent + r·step.
 * @throws {InvalidArgumentError} when count is not an integer ≥ 2 or extent is not a positive finite number.
 */
export function planeGrid(extent: number, count: number): Float32Array {
  if (!Number.isInteger(count) || count < 2)
    throw new InvalidArgumentError(`a plane grid needs an integer count ≥ 2 per axis, got ${count}`, {
      field: "count",
      accepted: "an integer ≥ 2",
    });
  if (!(Number.isFinite(extent) && extent > 0))
    throw new InvalidArgumentError(`a plane grid needs a positive finite extent, got ${extent}`, {
      field: "extent",
      accepted: "a positive finite number",
    });
  const step = (2 * extent) / (count - 1);
  const grid = new Float32Array(2 * count * count);
  for (let row = 0; row < count; row++) {
    for (let column = 0; column < count; column++) {
      const i = row * count + column;
      grid[2 * i] = -extent + column * step;
      grid[2 * i + 1] = -extent + row * step;
    }
  }
  return grid;
}

/**
 * `count` points evenly spaced on the circle of `radius` around the origin, the first at angle 0
 * and then counter-clockwise, as float32 [count, 2] row-major.
 * @throws {InvalidArgumentError} when count is not an integer ≥ 1 or radius is not a positive finite number.
 */
export function ringPoints(radius: number, count: number): Float32Array {
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidArgumentError(`a ring needs an integer count ≥ 1 of points, got ${count}`, {
      field: "count",
      accepted: "an integer ≥ 1",
    });
  if (!(Number.isFinite(radius) && radius > 0))
    throw new InvalidArgumentError(`a ring needs a positive finite radius, got ${radius}`, {
      field: "radius",
      accepted: "a positive finite number",
    });
  const ring = new Float32Array(2 * count);
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * i) / count;
    ring[2 * i] = radius * Math.cos(angle);
    ring[2 * i + 1] = radius * Math.sin(angle);
  }
  return ring;
}
