import {
  Ensemble,
  type EnsembleSpecInput,
  makeToyData,
  NOTEBOOK_DATA,
  NOTEBOOK_ENSEMBLE,
  notebookGrid,
  notebookRunSpec,
  type Prediction,
} from "@rpf/core";

/**
 * Parity of a backend with backend-matrix (float64) on the seed ensemble (docs/conformance.md).
 * Member outputs on the grid [-5, 5] must agree within an absolute 1e-5 at initialisation and after
 * one step, and within 1e-4 relative (max |Δ| / max |reference|) after 100 steps; the final
 * predicted mean and std, within 2% relative on the plotted range [-0.5, 1].
 */
export const PARITY_TOLERANCES = {
  init: { kind: "absolute", tolerance: 1e-5 },
  oneStep: { kind: "absolute", tolerance: 1e-5 },
  hundredSteps: { kind: "relative", tolerance: 1e-4 },
  final: { kind: "relative", tolerance: 0.02 },
} as const;

/**
 * Over 3000 Adam steps float32 rounding alone moves the final spread by a few percent (measured:
 * backend-matrix storing float32 against itself in float64). A float32 backend's final mean and
 * std may therefore differ by up to this factor times that measured floor, if that exceeds 2%.
 */
export const FLOAT32_FLOOR_FACTOR = 2;
export const FLOAT32_FLOOR_BACKEND = "matrix-f32";

export interface Float32Floor {
  readonly mean: number;
  readonly std: number;
}

export const PLOT_RANGE = { from: -0.5, to: 1 } as const;

export interface Snapshot {
  readonly init: Prediction;
  readonly oneStep: Prediction;
  readonly hundredSteps: Prediction;
  readonly final: Prediction;
  readonly trainSeconds: number;
}

export interface ParityCell {
  readonly maxAbs: number;
  readonly maxRel: number;
  readonly tolerance: number;
  readonly kind: "absolute" | "relative";
  readonly pass: boolean;
}

export interface ParityRow {
  readonly backend: string;
  readonly trainSeconds: number;
  readonly init: ParityCell;
  readonly oneStep: ParityCell;
  readonly hundredSteps: ParityCell;
  readonly finalMean: ParityCell;
  readonly finalStd: ParityCell;
  readonly pass: boolean;
}

/** The notebook's ensemble (core's presets); `quick` trains a tenth of its epochs. */
export function seedSpec(quick: boolean): EnsembleSpecInput {
  const { epochs } = NOTEBOOK_ENSEMBLE;
  return notebookRunSpec({ ...NOTEBOOK_ENSEMBLE, epochs: quick ? epochs / 10 : epochs });
}

/** Trains on one backend, predicting on the grid at init, after 1, after 100 steps and at the end. */
export async function snapshot(backend: string, quick: boolean): Promise<Snapshot> {
  const data = makeToyData({ seed: NOTEBOOK_DATA.seed, n: NOTEBOOK_DATA.points });
  const grid = notebookGrid();
  const spec = seedSpec(quick);
  const ensemble = await Ensemble.create(spec, { backend });
  try {
    const init = await ensemble.predict(grid);
    await ensemble.fit(data, { epochs: 1 });
    const oneStep = await ensemble.predict(grid);
    await ensemble.fit(data, { epochs: 99 });
    const hundredSteps = await ensemble.predict(grid);
    await ensemble.fit(data, { epochs: spec.epochs! - 100 });
    const final = await ensemble.predict(grid);
    return { init, oneStep, hundredSteps, final, trainSeconds: ensemble.training!.trainSeconds };
  } finally {
    await ensemble.dispose();
  }
}

interface Tolerance {
  readonly kind: "absolute" | "relative";
  readonly tolerance: number;
}

function finalTolerance(floor: number | undefined): Tolerance {
  const base = PARITY_TOLERANCES.final.tolerance;
  return { kind: "relative", tolerance: floor === undefined ? base : Math.max(base, FLOAT32_FLOOR_FACTOR * floor) };
}

/** The float32 floor: how far the float32-storage twin of the reference ends from it. */
export function float32Floor(twin: Snapshot, reference: Snapshot): Float32Floor {
  const grid = notebookGrid();
  return {
    mean: cell(grid, twin.final.mean, reference.final.mean, PARITY_TOLERANCES.final, PLOT_RANGE).maxRel,
    std: cell(grid, twin.final.std, reference.final.std, PARITY_TOLERANCES.final, PLOT_RANGE).maxRel,
  };
}

/** Max |Δ| over the grid points in [from, to], and that relative to the largest reference value. */
function cell(
  grid: Float32Array,
  actual: Float32Array,
  expected: Float32Array,
  tolerance: Tolerance,
  range = { from: -Infinity, to: Infinity },
): ParityCell {
  const perPoint = actual.length / grid.length;
  let maxAbs = 0;
  let scale = 0;
  for (let j = 0; j < actual.length; j++) {
    const x = grid[j % grid.length]!;
    if (perPoint === 1 && (x < range.from || x > range.to)) continue;
    maxAbs = Math.max(maxAbs, Math.abs(actual[j]! - expected[j]!));
    scale = Math.max(scale, Math.abs(expected[j]!));
  }
  const maxRel = maxAbs / scale;
  const measured = tolerance.kind === "absolute" ? maxAbs : maxRel;
  return {
    maxAbs,
    maxRel,
    tolerance: tolerance.tolerance,
    kind: tolerance.kind,
    pass: measured <= tolerance.tolerance,
  };
}

export function parityRow(backend: string, candidate: Snapshot, reference: Snapshot, floor?: Float32Floor): ParityRow {
  const grid = notebookGrid();
  const row = {
    backend,
    trainSeconds: candidate.trainSeconds,
    init: cell(grid, candidate.init.members, reference.init.members, PARITY_TOLERANCES.init),
    oneStep: cell(grid, candidate.oneStep.members, reference.oneStep.members, PARITY_TOLERANCES.oneStep),
    hundredSteps: cell(
      grid,
      candidate.hundredSteps.members,
      reference.hundredSteps.members,
      PARITY_TOLERANCES.hundredSteps,
    ),
    finalMean: cell(grid, candidate.final.mean, reference.final.mean, finalTolerance(floor?.mean), PLOT_RANGE),
    finalStd: cell(grid, candidate.final.std, reference.final.std, finalTolerance(floor?.std), PLOT_RANGE),
  };
  return { ...row, pass: [row.init, row.oneStep, row.hundredSteps, row.finalMean, row.finalStd].every((c) => c.pass) };
}
