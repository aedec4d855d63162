import type { Preset } from "./preset.js";

/**
 * `rpf train --preset tabular`: the recommended start for a user's own CSV of numeric inputs and
 * one real target. Chosen with `pnpm bench:uq --splits A-B --no-peer --rpf-flags "…"` on Boston
 * housing and Auto MPG, on tuning splits 100–129 only (never the 20 reported splits 0–19), by
 * the mean test NLL over those splits, then 95% coverage, each change against the same splits
 * (docs/uncertainty.md):
 *
 * - Gaussian head, inputs Yeo-Johnson transformed (sixth round, below), inputs and target standardised, minibatches of 32, one hidden layer of 50 ReLU
 *   units, no bootstrap: the Deep Ensembles recipe that the PyTorch peer follows. Adam at 1e-3, no
 *   weight decay. 10 members (third round, below) for 175 epochs (fifth round; 150 in the third
 *   and fourth), β-NLL 0.5 (fourth round); the first two rounds had 5 members for 100 epochs. First round (splits 100–109, Boston NLL of that setup 2.54): two
 *   hidden layers of 50 overfit (2.79); resampling rows per member 2.59; 10 members 2.54; 200
 *   epochs 2.61; 40 epochs at 3e-3 2.52 on Boston but 2.36 against 2.31 on Auto MPG; weight
 *   decay 0.01 and 0.1 changed nothing measurable, 1 gave 2.56.
 * - No validation split: every row is trained on. Holding out 10% for early stopping (patience
 *   30, at most 500 epochs) and std-scaling cost NLL on both data sets (Boston 2.53 → 2.56, Auto
 *   MPG 2.33 → 2.40, splits 100–109); conformal intervals from ~45 held-out scores were wide
 *   (15.6 against 12.5). A user who needs a coverage guarantee adds `--validation 0.1
 *   --calibrate conformal`. `--beta auto` (grid {0, 0.3, 1, 3, 10}) chose worse than a fixed β
 *   (2.61 against 2.56) at 2.5 times the time.
 * - β = 3 (second round). Boston, each row against β = 2 on the same splits (NLL, coverage of
 *   the 95% interval, RMSE):
 *
 *   | change (splits)                               | NLL           | coverage 95%  | RMSE          |
 *   | --------------------------------------------- | ------------- | ------------- | ------------- |
 *   | β = 2, the previous preset (100–129)          | 2.483         | 0.926         | 3.39          |
 *   | β = 3 (100–129)                               | 2.499         | 0.950         | 3.43          |
 *   | hidden 100 (100–129)                          | 2.589         | 0.894         | 3.34          |
 *   | batch 16, 50 epochs (100–120)                 | 2.495 / 2.501 | 0.934 / 0.922 | 3.66 / 3.63   |
 *   | ELU (100–120)                                 | 2.500 / 2.501 | 0.929 / 0.922 | 3.81 / 3.63   |
 *   | lr 5e-4 (100–114)                             | 2.539 / 2.515 | 0.945 / 0.912 | 3.72 / 3.64   |
 *   | 50 epochs (100–109)                           | 2.551 / 2.527 | 0.951 / 0.920 | 3.93 / 3.88   |
 *   | batch 16, 50 epochs, β = 3 (100–109)          | 2.559 / 2.527 | 0.953 / 0.920 | 3.89 / 3.88   |
 *   | variance floor 0.03 (100–107)                 | 2.600 / 2.590 | 0.924 / 0.914 | 4.19 / 4.25   |
 *   | tanh (100–108)                                | 2.584 / 2.556 | 0.922 / 0.917 | 4.26 / 4.04   |
 *   | lr 3e-4 (100–105)                             | 2.632 / 2.594 | 0.957 / 0.912 | 4.41 / 4.25   |
 *   | hidden 100, weight decay 3 (100–103)          | 2.729 / 2.580 | 0.951 / 0.912 | 4.68 / 4.31   |
 *   | hidden 100, 10 members (100–102)              | 2.631 / 2.526 | 0.889 / 0.915 | 4.07 / 4.00   |
 *
 *   (a / b: the change / β = 2 on the same splits; runs on fewer splits were stopped once behind
 *   or out of time.) Refitting on every row, prototyped outside the CLI: 10% held out picks the
 *   epochs (patience 30) and a std-scaling factor, then each member retrains on all rows for
 *   those epochs with the factor kept — 2.545 / 2.516, coverage 0.938 / 0.916 (splits 100–112),
 *   the early-stopped epoch count being noisy (42 to 231); refitting the factor alone at 100
 *   epochs — 2.537 / 2.532, coverage 0.947 / 0.910 (100–113). So no refit option was added.
 *   Nothing beat β = 2's NLL by more than the split-to-split noise. β = 3 gives up 0.016 of
 *   Boston NLL for coverage 0.950 instead of 0.926 (the issue's band is 0.93–0.97), and on Auto
 *   MPG (splits 100–114) 0.024 (2.368 against 2.344; coverage 0.952 against 0.937), below the
 *   PyTorch peer's 2.39 of the earlier round (splits 100–109). The earlier round had found on
 *   Boston β = 0 at 2.57 with coverage 0.90, β = 1 2.54 / 0.91, β = 3 2.54 / 0.94.
 * - 10 members, 150 epochs (third round). Boston, each row against the second round's preset
 *   (β = 3, 5 members, 100 epochs) on the same splits; Δ NLL is the mean of the per-split
 *   differences ± its standard error:
 *
 *   | change (splits)                               | NLL           | Δ NLL          | coverage 95%  | RMSE        |
 *   | --------------------------------------------- | ------------- | -------------- | ------------- | ----------- |
 *   | 10 members, 150 epochs, the preset (100–129)  | 2.464 / 2.499 | −0.035 ± 0.013 | 0.944 / 0.950 | 3.30 / 3.43 |
 *   | 150 epochs (100–129)                          | 2.473 / 2.499 | −0.026 ± 0.011 | 0.935 / 0.950 | 3.35 / 3.43 |
 *   | β = 2, 10 members (100–129)                   | 2.474 / 2.499 | −0.025 ± 0.011 | 0.933 / 0.950 | 3.36 / 3.43 |
 *   | 10 members (100–129)                          | 2.494 / 2.499 | −0.005 ± 0.009 | 0.959 / 0.950 | 3.37 / 3.43 |
 *   | lr 2e-3 (100–112)                             | 2.519 / 2.523 | −0.004 ± 0.020 | 0.928 / 0.943 | 3.68 / 3.72 |
 *   | batch 100, 300 epochs (100–116)               | 2.523 / 2.516 | +0.007 ± 0.024 | 0.914 / 0.945 | 3.61 / 3.64 |
 *   | bootstrap exponential (100–113)               | 2.552 / 2.534 | +0.017 ± 0.016 | 0.950 / 0.941 | 3.84 / 3.73 |
 *   | prior net tanh (100–117)                      | 2.542 / 2.512 | +0.030 ± 0.027 | 0.927 / 0.947 | 3.69 / 3.66 |
 *   | 10% held out, patience 50, ≤ 400 epochs,      | 2.657 / 2.566 | +0.091 ± 0.044 | 0.930 / 0.937 | 4.19 / 4.04 |
 *   | conformal (100–108)                           |               |                |               |             |
 *   | He-normal initialisation (100–119)            | 3.362 / 2.517 | +0.845 ± 0.046 | 0.997 / 0.948 | 5.68 / 3.68 |
 *
 *   (Runs on fewer splits were stopped once clearly behind; He-normal also draws the prior net
 *   larger, so the members disagree far more.) On Auto MPG (splits 100–114), 150 epochs: NLL
 *   2.363 against 2.368, coverage 0.944 against 0.952. The issue's Boston target NLL ≤ 2.45 is
 *   still missed on the tuning splits (2.464), and RMSE 3.304 is just above its bound of 3.3.
 * - β-NLL 0.5 (fourth round, for RMSE): an NLL-trained mean fits high-variance rows loosely, so
 *   the mean's gradient was reweighted. Boston, each row against the third round's preset on the
 *   same splits; Δ is the mean of the per-split differences ± its standard error (NLL, RMSE):
 *
 *   | change (splits)                                   | NLL           | Δ NLL          | coverage 95%  | RMSE        | Δ RMSE         |
 *   | ------------------------------------------------- | ------------- | -------------- | ------------- | ----------- | -------------- |
 *   | β-NLL 0.5, the preset (100–129)                   | 2.476 / 2.464 | +0.012 ± 0.006 | 0.945 / 0.944 | 3.22 / 3.30 | −0.083 ± 0.037 |
 *   | mean warm-up 75 epochs (100–129)                  | 2.469 / 2.464 | +0.005 ± 0.009 | 0.945 / 0.944 | 3.23 / 3.30 | −0.069 ± 0.034 |
 *   | β-NLL 0.5, mean warm-up 75 epochs (100–127)       | 2.487 / 2.469 | +0.018 ± 0.010 | 0.945 / 0.943 | 3.25 / 3.35 | −0.100 ± 0.051 |
 *   | mean warm-up 100 epochs (100–116)                 | 2.520 / 2.497 | +0.023 ± 0.015 | 0.938 / 0.937 | 3.47 / 3.54 | −0.070 ± 0.055 |
 *   | β-NLL 0.25 (100–108)                              | 2.590 / 2.573 | +0.017 ± 0.011 | 0.935 / 0.937 | 3.93 / 4.00 | −0.065 ± 0.040 |
 *   | β-NLL 1 (100–123)                                 | 2.523 / 2.478 | +0.045 ± 0.017 | 0.953 / 0.941 | 3.38 / 3.44 | −0.056 ± 0.074 |
 *   | 20 members (100–103)                              | 2.553 / 2.537 | +0.016 ± 0.010 | 0.931 / 0.921 | 4.31 / 4.23 | +0.074 ± 0.060 |
 *
 *   (β-NLL b: each row's NLL gradient times its variance^b, held constant, Seitzer et al. 2022;
 *   mean warm-up: the first epochs fit the mean by squared error, Sluijterman et al. 2024; runs on
 *   fewer splits were stopped once behind. The combination gains no RMSE over β-NLL alone on the
 *   same 28 splits, −0.017 ± 0.015, for +0.004 ± 0.006 NLL.) β-NLL 0.5 brings the tuning splits'
 *   RMSE under 3.3 for 0.012 of NLL. On Auto MPG (splits 100–114) against the third round's
 *   preset: β-NLL 0.5 NLL 2.362 / 2.348 (Δ +0.014 ± 0.006), coverage 0.949 / 0.944, RMSE
 *   2.905 / 2.915 (Δ −0.010 ± 0.011); mean warm-up 75 epochs NLL 2.361 (Δ +0.013 ± 0.005),
 *   coverage 0.940, RMSE 2.905 (Δ −0.010 ± 0.010).
 * - 175 epochs (fifth round, same aim). Boston, each row against β-NLL 0.5 at 150 epochs on
 *   splits 100–129 (NLL, coverage 95%, RMSE; Δ as above):
 *
 *   | change (splits)                      | NLL           | Δ NLL          | coverage 95%  | RMSE        | Δ RMSE         |
 *   | ------------------------------------ | ------------- | -------------- | ------------- | ----------- | -------------- |
 *   | 175 epochs, the preset (100–129)     | 2.474 / 2.476 | −0.002 ± 0.005 | 0.939 / 0.945 | 3.21 / 3.22 | −0.013 ± 0.005 |
 *   | 200 epochs (100–129)                 | 2.476 / 2.476 | −0.000 ± 0.008 | 0.933 / 0.945 | 3.19 / 3.22 | −0.034 ± 0.009 |
 *   | 200 epochs, β = 4 (100–129)          | 2.486 / 2.476 | +0.010 ± 0.005 | 0.953 / 0.945 | 3.21 / 3.22 | −0.012 ± 0.011 |
 *
 *   200 epochs fits the mean tighter still but leaves coverage 0.003 above the issue's band
 *   (0.93–0.97), too close for a setting chosen on these same splits; 175 keeps 0.939. On Auto
 *   MPG (splits 100–114) 175 epochs: NLL 2.357 / 2.362 (Δ −0.005 ± 0.004), coverage 0.942 /
 *   0.949, RMSE 2.905 / 2.905.
 * - Yeo-Johnson inputs (sixth round, for RMSE and NLL): each input column with at least 3 distinct
 *   values goes through the Yeo-Johnson power transform with its maximum-likelihood λ on the
 *   training rows before standardising (Yeo & Johnson 2000; scikit-learn's PowerTransformer), so
 *   skewed columns such as Boston's crime rate, LSTAT and B reach the net on a gentler scale.
 *   Each row against the fifth round's preset on the same splits (Δ as above):
 *
 *   | change (data set, splits)                     | NLL           | Δ NLL          | coverage 95%  | RMSE        | Δ RMSE         |
 *   | --------------------------------------------- | ------------- | -------------- | ------------- | ----------- | -------------- |
 *   | Yeo-Johnson, the preset (Boston, 100–129)     | 2.391 / 2.474 | −0.083 ± 0.023 | 0.950 / 0.939 | 3.10 / 3.21 | −0.110 ± 0.044 |
 *   | Yeo-Johnson, the preset (Auto MPG, 100–129)   | 2.312 / 2.333 | −0.020 ± 0.008 | 0.944 / 0.944 | 2.85 / 2.86 | −0.016 ± 0.015 |
 *   | quantile-normal inputs (Boston, 100–129)      | 2.482 / 2.474 |                | 0.942 / 0.939 | 3.35 / 3.21 |                |
 *   | Yeo-Johnson, 200 epochs (Boston, 100–129)     | 2.389 / 2.474 |                | 0.939 / 0.939 | 3.09 / 3.21 |                |
 *   | Yeo-Johnson, 150 epochs (Boston, 100–129)     | 2.401 / 2.474 |                | 0.956 / 0.939 | 3.11 / 3.21 |                |
 *   | Yeo-Johnson, β-NLL 1 (Boston, 100–129)        | 2.439 / 2.474 |                | 0.956 / 0.939 | 3.12 / 3.21 |                |
 *   | Yeo-Johnson, β = 2 (Boston, 100–129)          | 2.398 / 2.474 |                | 0.922 / 0.939 | 3.10 / 3.21 |                |
 *   | Yeo-Johnson, hidden 100 (Boston, 100–129)     | 2.508 / 2.474 |                | 0.893 / 0.939 | 3.06 / 3.21 |                |
 *   | Yeo-Johnson, lr 2e-3 (Boston, 100–129)        | 2.403 / 2.474 |                | 0.927 / 0.939 | 3.05 / 3.21 |                |
 *   | Yeo-Johnson, weights averaged over the last   | 2.399 / 2.474 |                | 0.954 / 0.939 | 3.11 / 3.21 |                |
 *   | 44 epochs (Boston, 100–129)                   |               |                |               |             |                |
 *   | … over the last 87 epochs (Boston, 100–129)   | 2.413 / 2.474 |                | 0.959 / 0.939 | 3.13 / 3.21 |                |
 *
 *   (The quantile-normal row, as RTDL's MLPs preprocess, was prototyped outside the CLI; it also
 *   clamps inputs beyond the training range, which would stop the members' disagreement growing
 *   away from the data, where the power transform stays unbounded.) 200 epochs gains 0.007 of
 *   RMSE for coverage 0.939, at the edge of the band, so 175 stays; 150 epochs and β-NLL 1 lose on both;
 *   β = 2, hidden 100 and lr 2e-3 fit the mean a little tighter but take coverage out of the band;
 *   averaging each member's weights over its last epochs (stochastic weight averaging, Izmailov et
 *   al. 2018; prototyped through the library, one epoch per fit call) gains nothing. Adversarial
 *   training (the Deep Ensembles paper's fast-gradient-sign inputs, ε = 1% of the input range),
 *   prototyped in PyTorch on an rpf-like ensemble because rpf's backends give no input gradients,
 *   changed RMSE by +0.036 ± 0.030 and NLL by +0.006 ± 0.009 (splits 100–109): no gain either.
 *   On the reported splits 0–19 the transform moved Boston RMSE only from 3.42 to 3.41 (NLL 2.45 →
 *   2.39): those splits are harder than the tuning ones for every model — the PyTorch peer, with
 *   the same inputs, scores RMSE 3.53 on splits 100–129 and 3.72 on 0–19.
 */
export const TABULAR_PRESET: Preset = {
  name: "tabular",
  flags: {
    head: "gaussian",
    standardize: "xy",
    inputTransform: "yeo-johnson",
    members: "10",
    hidden: "50",
    activation: "relu",
    beta: "3",
    betaNll: "0.5",
    bootstrap: "none",
    batchSize: "32",
    epochs: "175",
    lr: "0.001",
    weightDecay: "0",
  },
};
