import { DataError, ShapeError } from "../errors.js";
import type { Prediction } from "../predict/summary.js";

/** The fewest held-out rows a calibration is fitted on. */
export const MIN_CALIBRATION_ROWS = 2;

/**
 * @throws {ShapeError} when y is not [n, outputSize] of the prediction.
 * @throws {DataError} for fewer than MIN_CALIBRATION_ROWS rows.
 */
export function checkHeldOut(prediction: Prediction, y: Float32Array): void {
  if (y.length !== prediction.mean.length) {
    throw new ShapeError(`held-out targets have ${y.length} values; the prediction has ${prediction.mean.length}`, {
      field: "y",
    });
  }
  if (prediction.n < MIN_CALIBRATION_ROWS) {
    throw new DataError(
      `calibration needs at least ${MIN_CALIBRATION_ROWS} held-out rows, got ${prediction.n}; hold out a larger validation fraction`,
      { field: "validation" },
    );
  }
}
