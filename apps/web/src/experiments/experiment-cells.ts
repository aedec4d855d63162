import type { ExperimentCell } from "../worker/protocol.js";

export type ExperimentKind = "beta-sweep" | "ablation";

export interface Experiment {
  readonly name: string;
  readonly cells: readonly ExperimentCell[];
}

/** The notebook's experiments 4 and 5, cell for cell. */
export const EXPERIMENTS: Record<ExperimentKind, Experiment> = {
  "beta-sweep": {
    name: "β sweep",
    cells: [0.001, 5, 50, 100].map((beta) => ({ title: `β = ${beta}`, priorScale: beta, bootstrap: "resample" })),
  },
  ablation: {
    name: "Prior × bootstrap ablation",
    cells: [
      { title: "prior (β = 50) and bootstrap", priorScale: 50, bootstrap: "resample" },
      { title: "prior (β = 50), no bootstrap", priorScale: 50, bootstrap: "none" },
      { title: "bootstrap, no prior (β = 0)", priorScale: 0, bootstrap: "resample" },
      { title: "neither prior nor bootstrap", priorScale: 0, bootstrap: "none" },
    ],
  },
};
