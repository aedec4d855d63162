import type { ScalingMeasurement } from "./scaling-measure.js";
import { fitScale, logLogSlope } from "./scaling-model.js";
import { BASE, type ScalingConfig, type SweepParameter, workUnits } from "./scaling-sweeps.js";

export type MeasuredConfig = ScalingConfig & ScalingMeasurement;

export interface ScalingRow extends MeasuredConfig {
  /** members × points × width². */
  readonly units: number;
  /** Median seconds per epoch / (c × units), with the one c fitted on all cores. */
  readonly ratio: number;
}

export interface ScaleModel {
  readonly units: string;
  /** How c was fitted, in words (it goes into the JSON and the Markdown as is). */
  readonly fit: string;
  /** Seconds per work unit per epoch on all cores: the reference line y = c·x. */
  readonly c: number;
  readonly fittedOn: number;
  /** The same fit on the one-thread members series; c1 / c is the parallel speed-up at size. */
  readonly cOneThread: number | null;
}

/** A sweep's measured exponent: seconds per epoch ∝ parameter^exponent. */
export interface SweepExponent {
  readonly series: string;
  readonly parameter: SweepParameter;
  /** What the model says: 1 for members and points, 2 for width. */
  readonly expected: number;
  readonly wholeSweep: number;
  /** Over the values at or above the base point, where fixed costs matter least. */
  readonly fromBase: number;
}

const BASE_UNITS = workUnits(BASE);
const FIT_RULE = `least squares in log space with the slope held at 1 (log c = mean of log(s/epoch ÷ units)), over the configurations on all cores with at least the base point's ${BASE_UNITS.toLocaleString("en-US")} units (${BASE.members} × ${BASE.points} × ${BASE.width}²); smaller ones are left out because fixed per-epoch and per-call costs show there`;

function scaleFor(rows: readonly MeasuredConfig[]): { c: number; count: number } | null {
  const large = rows.filter((row) => workUnits(row) >= BASE_UNITS);
  if (large.length === 0) return null;
  return {
    c: fitScale(large.map((row) => ({ units: workUnits(row), seconds: row.secondsPerEpoch.median }))),
    count: large.length,
  };
}

/** Fits c once (all cores), then every row's ratio to the model and every sweep's exponent. */
export function analyseScaling(
  measured: readonly MeasuredConfig[],
  cores: number,
): { model: ScaleModel; rows: ScalingRow[]; exponents: SweepExponent[] } {
  const allCores = scaleFor(measured.filter((row) => row.threads === cores));
  if (!allCores) throw new Error("no configuration on all cores reaches the base point's work; cannot fit c");
  const oneThread = cores > 1 ? scaleFor(measured.filter((row) => row.threads === 1)) : null;
  const model: ScaleModel = {
    units: "members × points × width²",
    fit: FIT_RULE,
    c: allCores.c,
    fittedOn: allCores.count,
    cOneThread: oneThread?.c ?? null,
  };
  const rows = measured.map((row) => {
    const units = workUnits(row);
    return { ...row, units, ratio: row.secondsPerEpoch.median / (model.c * units) };
  });
  const seriesNames = [...new Set(rows.map((row) => row.series))];
  const exponents = seriesNames.flatMap((series): SweepExponent[] => {
    const inSeries = rows.filter((row) => row.series === series);
    const parameter = inSeries[0]!.sweep;
    const upper = inSeries.filter((row) => row[parameter] >= BASE[parameter]);
    if (inSeries.length < 2 || upper.length < 2) return [];
    const slope = (list: readonly ScalingRow[]) =>
      logLogSlope(
        list.map((row) => row[parameter]),
        list.map((row) => row.secondsPerEpoch.median),
      );
    return [
      {
        series,
        parameter,
        expected: parameter === "width" ? 2 : 1,
        wholeSweep: slope(inSeries),
        fromBase: slope(upper),
      },
    ];
  });
  return { model, rows, exponents };
}
