/** The calibration methods `fitCalibration` knows, as the CLI's --calibrate names them. */
export const CALIBRATION_KINDS = ["std-scaling", "conformal"] as const;

/** One of CALIBRATION_KINDS. */
export type CalibrationKind = (typeof CALIBRATION_KINDS)[number];

/**
 * A recalibration of the predictive std fitted on held-out rows, stored in the model.
 *
 * - "std-scaling": one factor s per output; the model's reported std (and its aleatoric and
 *   epistemic parts) become s·std (Kuleshov et al. 2018; Levi et al. 2019). No coverage guarantee.
 * - "conformal": the sorted normalised scores |y − μ|/σ of the held-out rows, per output, so a
 *   central interval of any level can be formed afterwards (split conformal, Lei et al. 2018).
 */
export type Calibration =
  | {
      readonly kind: "std-scaling";
      /** Held-out rows the factors were fitted on. */
      readonly count: number;
      /** s per output, > 0. */
      readonly factors: readonly number[];
    }
  | {
      readonly kind: "conformal";
      readonly count: number;
      /** Per output, the `count` scores |y − μ|/σ in ascending order. */
      readonly scores: readonly (readonly number[])[];
    };
