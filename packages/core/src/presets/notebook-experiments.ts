import { linspace } from "../data/dataset.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { EnsembleSpecInput } from "../spec/types.js";

/**
 * The notebook's single-spec defaults (9 members, β = 3, hidden [16, 16], 3000 epochs, Adam at
 * 0.03) as spec resolution fills them in: they have one home, the spec, and are read from it here.
 */
const DEFAULTS = resolveEnsembleSpec();

/** How the members of a run see the data: each its own bootstrap resample, or the data as it is. */
export type BootstrapKind = "resample" | "none";

/** One ensemble the notebook trains: the fields that differ between its experiments. */
export interface NotebookRun {
  readonly members: number;
  /** β, the prior scale. */
  readonly priorScale: number;
  readonly epochs: number;
  readonly bootstrap: BootstrapKind;
}

/** One cell of an experiment: a run of the experiment's members and epochs with its own β and bootstrap. */
export interface ExperimentCell {
  /** A short name for logs and summaries: "beta 5", "prior, no bootstrap". */
  readonly id: string;
  /** A caption that states the cell's settings: "β = 5", "prior (β = 50), no bootstrap". */
  readonly caption: string;
  /** The notebook's own title of the cell's panel. */
  readonly figureTitle: string;
  readonly priorScale: number;
  readonly bootstrap: BootstrapKind;
}

/** The notebook's multi-ensemble experiments: 4, the β sweep, and 5, the prior × bootstrap ablation. */
export type ExperimentId = "beta-sweep" | "ablation";

/** One of the notebook's multi-ensemble experiments: every cell trains `members` for `epochs`. */
export interface NotebookExperiment {
  readonly id: ExperimentId;
  readonly name: string;
  readonly members: number;
  readonly epochs: number;
  readonly cells: readonly ExperimentCell[];
}

/** The notebook's data and plotting grid (SEED_SPEC.md, experiment 1): 100 points, seed 0, x in [-5, 5]. */
export const NOTEBOOK_DATA = { points: 100, seed: 0, grid: { start: -5, stop: 5, count: 1000 } } as const;

/** The notebook's plotting grid, NOTEBOOK_DATA.grid: 1000 evenly spaced x from -5 to 5, as [1000] float32. */
export function notebookGrid(): Float32Array {
  const { start, stop, count } = NOTEBOOK_DATA.grid;
  return linspace(start, stop, count);
}

/** Experiment 2: one network with a randomized prior, no bootstrap, 2000 epochs. */
export const NOTEBOOK_SINGLE_MODEL: NotebookRun = {
  members: 1,
  priorScale: DEFAULTS.priorScale,
  epochs: 2000,
  bootstrap: "none",
};

/** Experiment 3: the default bootstrapped ensemble with randomized priors. */
export const NOTEBOOK_ENSEMBLE: NotebookRun = {
  members: DEFAULTS.members,
  priorScale: DEFAULTS.priorScale,
  epochs: DEFAULTS.epochs,
  bootstrap: "resample",
};

/** Experiment 4's prior scales. */
export const BETA_SWEEP_BETAS: readonly number[] = [0.001, 5, 50, 100];

/** Experiment 5's prior scale in its "with prior" cells (β = 0 in the others). */
export const ABLATION_BETA = 50;

const ABLATION_CELLS: readonly ExperimentCell[] = [
  {
    id: "prior and bootstrap",
    caption: `prior (β = ${ABLATION_BETA}) and bootstrap`,
    figureTitle: "Full model with priors and bootstrap",
    priorScale: ABLATION_BETA,
    bootstrap: "resample",
  },
  {
    id: "prior, no bootstrap",
    caption: `prior (β = ${ABLATION_BETA}), no bootstrap`,
    figureTitle: "No bootstrapping, but use of priors",
    priorScale: ABLATION_BETA,
    bootstrap: "none",
  },
  {
    id: "bootstrap, no prior",
    caption: "bootstrap, no prior (β = 0)",
    figureTitle: "No priors, but use of bootstrapping",
    priorScale: 0,
    bootstrap: "resample",
  },
  {
    id: "no prior, no bootstrap",
    caption: "neither prior nor bootstrap",
    figureTitle: "Both bootstrapping and priors turned off",
    priorScale: 0,
    bootstrap: "none",
  },
];

/** The notebook's experiments 4 (β sweep) and 5 (prior × bootstrap ablation), cell for cell (SEED_SPEC.md). */
export const NOTEBOOK_EXPERIMENTS: Readonly<Record<ExperimentId, NotebookExperiment>> = {
  "beta-sweep": {
    id: "beta-sweep",
    name: "β sweep",
    members: DEFAULTS.members,
    epochs: DEFAULTS.epochs,
    cells: BETA_SWEEP_BETAS.map((beta) => ({
      id: `beta ${beta}`,
      caption: `β = ${beta}`,
      figureTitle: `β = ${beta}`,
      priorScale: beta,
      bootstrap: "resample",
    })),
  },
  ablation: {
    id: "ablation",
    name: "Prior × bootstrap ablation",
    members: DEFAULTS.members,
    epochs: DEFAULTS.epochs,
    cells: ABLATION_CELLS,
  },
};

/**
 * The spec input of one notebook run, seed 0; everything it does not name (network, optimizer and
 * its learning rate) is the spec's default, which is the notebook's.
 */
export function notebookRunSpec(run: NotebookRun): EnsembleSpecInput {
  return {
    members: run.members,
    priorScale: run.priorScale,
    epochs: run.epochs,
    bootstrap: { kind: run.bootstrap },
    seed: NOTEBOOK_DATA.seed,
  };
}
