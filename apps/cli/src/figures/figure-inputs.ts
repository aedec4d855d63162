import { DataError, ShapeError } from "@rpf/core";

/** The training points, drawn as black crosses in every figure. */
export interface FigureData {
  readonly x: Float32Array;
  readonly y: Float32Array;
}

/**
 * One member's three curves on the prediction grid. `prior` is the prior's contribution β·p(x), as
 * @rpf/core's Prediction holds it, so that `resultant` = `trainable` + `prior`.
 */
export interface MemberCurves {
  readonly prior: Float32Array;
  readonly trainable: Float32Array;
  readonly resultant: Float32Array;
}

/**
 * An ensemble's mean and std on the grid. A Gaussian-head model also gives `aleatoricStd` (the
 * noise its members predict; `std` is then the total): its panel draws the aleatoric and total
 * ±2σ bands instead of the ±1σ and ±2σ bands of std.
 */
export interface BandsSummary {
  readonly mean: Float32Array;
  readonly std: Float32Array;
  readonly aleatoricStd?: Float32Array;
}

/** One row of the β sweep: the ensemble's mean and standard deviation, and every member's prediction. */
export interface BetaSweepPanel extends BandsSummary {
  readonly beta: number;
  readonly members: readonly Float32Array[];
}

/** One panel of the prior × bootstrap ablation. */
export interface AblationPanel extends BandsSummary {
  readonly title: string;
}

/**
 * Non-finite values are rejected rather than filtered: Vega would silently drop them and draw a
 * line across the gap, so a diverged member would look like a trained one. A figure must not hide that.
 */
export function checkFinite(field: string, values: ArrayLike<number>): void {
  const at = Array.prototype.findIndex.call(values, (value: number) => !Number.isFinite(value));
  if (at >= 0) {
    throw new DataError(`cannot plot ${field}: value ${values[at]} at index ${at} is not finite`, {
      field,
      where: `index ${at}`,
      accepted: "finite numbers",
    });
  }
}

/** A curve must have one finite value per grid point. */
export function checkCurve(field: string, values: Float32Array, grid: Float32Array): void {
  if (values.length !== grid.length) {
    throw new ShapeError(`cannot plot ${field}: ${values.length} values for ${grid.length} grid points`, {
      field,
      accepted: `${grid.length} values`,
    });
  }
  checkFinite(field, values);
}

export function checkData(data: FigureData): void {
  if (data.x.length !== data.y.length) {
    throw new ShapeError(`cannot plot the data: ${data.x.length} x values but ${data.y.length} y values`, {
      field: "data.y",
      accepted: `${data.x.length} values`,
    });
  }
  checkFinite("data.x", data.x);
  checkFinite("data.y", data.y);
}

/** A multi-panel figure needs at least one panel; Vega-Lite cannot lay out an empty concat. */
export function checkNotEmpty(field: string, count: number): void {
  if (count === 0) throw new ShapeError(`cannot plot ${field}: the list is empty`, { field, accepted: "at least one" });
}
