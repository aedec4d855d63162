/// <reference path="../types/minimize-golden-section-1d.d.ts" />
import minimize from "minimize-golden-section-1d";

/**
 * The range searched for each column's λ. scikit-learn's PowerTransformer searches without
 * bounds; bounding keeps (|x| + 1)^λ finite for any float32 input and keeps a column with two
 * values (whose likelihood is flat in λ once standardised) from drifting to an extreme.
 */
export const YEO_JOHNSON_LAMBDA_RANGE = { min: -3, max: 3 } as const;

/**
 * The fewest distinct values a column needs for a fitted λ; fewer keep λ = 1, the identity (a
 * constant column has no likelihood, and any λ maps two values to two values, which standardising
 * then makes the same).
 */
export const YEO_JOHNSON_MIN_DISTINCT = 3;

/**
 * The Yeo-Johnson power transform of one value (Yeo & Johnson 2000, "A new family of power
 * transformations to improve normality or symmetry", Biometrika 87(4)):
 * ((x + 1)^λ − 1) / λ for x ≥ 0, −((1 − x)^(2−λ) − 1) / (2 − λ) for x < 0, with the log limits
 * at λ = 0 and λ = 2. Written with expm1 and log1p so that λ near 0 or 2 loses no precision.
 * Monotone increasing in x for every λ, unbounded both ways, and the identity at λ = 1.
 */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) {
    const log = Math.log1p(x);
    return Math.abs(lambda) < 1e-12 ? log : Math.expm1(lambda * log) / lambda;
  }
  const log = Math.log1p(-x);
  const power = 2 - lambda;
  return Math.abs(power) < 1e-12 ? -log : -Math.expm1(power * log) / power;
}

/**
 * The profile log-likelihood of λ for one column, as Yeo & Johnson define it: the transformed
 * values taken as Gaussian with their maximum-likelihood mean and variance, plus the log of the
 * transform's Jacobian, −(n/2)·log σ²(λ) + (λ − 1)·Σ sign(x)·log1p(|x|). −Infinity where a
 * transformed value overflows or the variance is 0.
 */
function logLikelihood(values: Float64Array, lambda: number, jacobianSum: number): number {
  const n = values.length;
  let sum = 0;
  const transformed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    transformed[i] = yeoJohnson(values[i]!, lambda);
    sum += transformed[i]!;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (transformed[i]! - mean) ** 2;
  const variance = squares / n;
  if (!Number.isFinite(variance) || variance <= 0) return Number.NEGATIVE_INFINITY;
  return (-n / 2) * Math.log(variance) + (lambda - 1) * jacobianSum;
}

/**
 * The maximum-likelihood λ of one column (as scipy.stats.yeojohnson_normmax and scikit-learn's
 * PowerTransformer fit it), searched in YEO_JOHNSON_LAMBDA_RANGE to 1e-6 by golden-section search.
 * A column with fewer than YEO_JOHNSON_MIN_DISTINCT distinct values gets λ = 1, the identity.
 * @param values - the column's training values [n], finite.
 * @returns λ in YEO_JOHNSON_LAMBDA_RANGE.
 */
export function fitYeoJohnsonLambda(values: Float64Array): number {
  if (new Set(values).size < YEO_JOHNSON_MIN_DISTINCT) return 1;
  let jacobianSum = 0;
  for (const x of values) jacobianSum += Math.sign(x) * Math.log1p(Math.abs(x));
  const lambda = minimize((l) => -logLikelihood(values, l, jacobianSum), {
    lowerBound: YEO_JOHNSON_LAMBDA_RANGE.min,
    upperBound: YEO_JOHNSON_LAMBDA_RANGE.max,
    tolerance: 1e-6,
  });
  // The likelihood is finite at λ = 1 (the identity) for any non-constant finite column, so the
  // search can only fail to converge on a column whose likelihood is -Infinity almost everywhere.
  return Number.isFinite(lambda) ? lambda : 1;
}
