import { describe, expect, it } from "vitest";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import {
  ABLATION_BETA,
  BETA_SWEEP_BETAS,
  NOTEBOOK_ENSEMBLE,
  NOTEBOOK_EXPERIMENTS,
  NOTEBOOK_SINGLE_MODEL,
  notebookGrid,
  notebookRunSpec,
} from "./notebook-experiments.js";

// The values of SEED_SPEC.md's experiment table, written out here as the oracle.
describe("the notebook's presets", () => {
  it("the ensemble is 9 members, β = 3, 3000 epochs of Adam at 0.03 on [16, 16] ELU networks", () => {
    const spec = resolveEnsembleSpec(notebookRunSpec(NOTEBOOK_ENSEMBLE));
    expect(spec).toMatchObject({ members: 9, priorScale: 3, epochs: 3000, seed: 0, bootstrap: { kind: "resample" } });
    expect(spec.optimizer).toMatchObject({ kind: "adam", learningRate: 0.03 });
    expect(spec.trainable).toMatchObject({ hiddenSizes: [16, 16], activation: "elu" });
  });

  it("the single model is one member, β = 3, 2000 epochs, no bootstrap", () => {
    expect(NOTEBOOK_SINGLE_MODEL).toEqual({ members: 1, priorScale: 3, epochs: 2000, bootstrap: "none" });
  });

  it("the β sweep trains β = 0.001, 5, 50, 100, each bootstrapped", () => {
    const sweep = NOTEBOOK_EXPERIMENTS["beta-sweep"];
    expect(BETA_SWEEP_BETAS).toEqual([0.001, 5, 50, 100]);
    expect(sweep.cells.map((cell) => [cell.priorScale, cell.bootstrap])).toEqual([
      [0.001, "resample"],
      [5, "resample"],
      [50, "resample"],
      [100, "resample"],
    ]);
    expect(sweep).toMatchObject({ members: 9, epochs: 3000 });
  });

  it("the ablation crosses β = 50 or 0 with bootstrap or none, the full model first", () => {
    const ablation = NOTEBOOK_EXPERIMENTS.ablation;
    expect(ABLATION_BETA).toBe(50);
    expect(ablation.cells.map((cell) => [cell.id, cell.priorScale, cell.bootstrap])).toEqual([
      ["prior and bootstrap", 50, "resample"],
      ["prior, no bootstrap", 50, "none"],
      ["bootstrap, no prior", 0, "resample"],
      ["no prior, no bootstrap", 0, "none"],
    ]);
    expect(ablation).toMatchObject({ members: 9, epochs: 3000 });
  });

  it("the grid is 1000 points from -5 to 5", () => {
    const grid = notebookGrid();
    expect(grid.length).toBe(1000);
    expect([grid[0], grid[999]]).toEqual([-5, 5]);
  });
});
