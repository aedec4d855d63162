/** A measured point: work units (members × points × width²) and median seconds per epoch. */
export interface CostPoint {
  readonly units: number;
  readonly seconds: number;
}

/**
 * c in seconds = c × units, by least squares in log space with the slope held at 1: minimising
 * Σ (log seconds − log c − log units)² gives log c = mean of log(seconds / units), so every
 * point weighs the same whatever its size (a linear fit would listen only to the largest).
 */
export function fitScale(points: readonly CostPoint[]): number {
  if (points.length === 0) throw new Error("fitScale needs at least one point");
  const meanLog = points.reduce((sum, p) => sum + Math.log(p.seconds / p.units), 0) / points.length;
  return Math.exp(meanLog);
}

/** Ordinary least-squares slope of log y on log x: the measured exponent of a power law. */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  if (xs.length !== ys.length || xs.length < 2) throw new Error("logLogSlope needs two or more (x, y) pairs");
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let covariance = 0;
  let variance = 0;
  lx.forEach((x, i) => {
    covariance += (x - mx) * (ly[i]! - my);
    variance += (x - mx) ** 2;
  });
  return covariance / variance;
}
