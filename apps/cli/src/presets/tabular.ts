import type { Preset } from "./preset.js";

/**
 * `rpf train --preset tabular`: the recommended start for a user's own CSV of numeric columns
 * and one real target. Chosen by `pnpm bench:uq --tune` on UCI splits 100–104 of Boston housing
 * and Auto MPG (never on the 20 reported splits); docs/uncertainty.md gives the measurements.
 */
export const TABULAR_PRESET: Preset = {
  name: "tabular",
  summary: "Gaussian head, standardised inputs and target, minibatches, weight decay",
  flags: {
    head: "gaussian",
    standardize: "xy",
    members: "5",
    hidden: "50",
    activation: "relu",
    beta: "1",
    bootstrap: "none",
    batchSize: "32",
    epochs: "100",
    lr: "0.001",
    weightDecay: "0",
  },
};
