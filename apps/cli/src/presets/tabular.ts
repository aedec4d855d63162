import type { Preset } from "./preset.js";

/**
 * `rpf train --preset tabular`: the recommended start for a user's own CSV of numeric inputs and
 * one real target. Chosen with `pnpm bench:uq --splits 100-109 --no-peer --rpf-flags "…"` on
 * Boston housing and Auto MPG — splits 100–109, never the 20 reported splits — by the mean test
 * NLL and 95% coverage over those splits, each change tried against the same splits
 * (docs/uncertainty.md):
 *
 * - Gaussian head, inputs and target standardised, minibatches of 32, 5 members of one hidden
 *   layer of 50 ReLU units, no bootstrap: the Deep Ensembles recipe that the PyTorch peer follows.
 *   Two hidden layers of 50 overfit Boston (NLL 2.79 against 2.54); resampling the rows per member
 *   was worse (2.59); 10 members gained nothing (2.54).
 * - Adam at 1e-3. Without validation, 100 epochs were best: 200 overfit (Boston 2.61), 40 at 3e-3
 *   were worse on Auto MPG (2.36 against 2.31).
 * - 10% of the rows held out for validation, early stopping with patience 30 (at most 500 epochs)
 *   and std-scaling fitted on those rows. Holding rows out costs NLL (Boston 2.56 against 2.53
 *   with every row trained on; Auto MPG 2.40 against 2.33), but without calibration only 92% of
 *   Boston's test targets fell inside the 95% interval, and std-scaling brings that to 94.5%
 *   (Auto MPG: 93% either way).
 *   Early stopping matched a fixed 100 epochs (2.56 both) and spares choosing an epoch count per
 *   data set; lr 3e-3 with it was worse (2.63), and so was holding out only 5% (2.63, 91%).
 * - Conformal calibration, not std-scaling: its intervals, from ~45 held-out scores, were wide
 *   (Boston width 15.6 against 12.5, coverage 95.5%) and it leaves the std, so NLL, uncalibrated
 *   (2.58). `--calibrate conformal` remains the choice when a coverage guarantee is needed.
 * - β = 2, not `--beta auto`: choosing β on ~45 validation rows picked worse values (Boston 2.61 on
 *   the grid {0, 0.3, 1, 3, 10}, 2.62 on {1, 3}) at 2.5 times the training time; fixed β = 1 gave 2.58.
 * - No weight decay: 0.01 and 0.1 changed nothing measurable (decoupled, it is scaled by the
 *   learning rate), 1 was worse (Boston 2.56). The flag stays here so the choice is visible.
 */
export const TABULAR_PRESET: Preset = {
  name: "tabular",
  flags: {
    head: "gaussian",
    standardize: "xy",
    members: "5",
    hidden: "50",
    activation: "relu",
    beta: "2",
    bootstrap: "none",
    batchSize: "32",
    epochs: "500",
    lr: "0.001",
    weightDecay: "0",
    validation: "0.1",
    patience: "30",
    calibrate: "std-scaling",
  },
};
