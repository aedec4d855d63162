import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { DataError, InvalidArgumentError, ShapeError } from "../errors.js";
import { assertFinitePrediction, predictionInterval } from "../predict/finite.js";
import { centralIntervalZ, gaussianCrpsAt, gaussianNllAt, MIN_PREDICTIVE_STD } from "../predict/metrics.js";
import type { Prediction } from "../predict/summary.js";

/** The central-interval levels whose coverage and width are reported (docs/uncertainty.md). */
export const EVALUATION_LEVELS: readonly number[] = [0.5, 0.8, 0.9, 0.95];

/** The calibration curve's levels: 0.05, 0.10, …, 0.95. */
export const CALIBRATION_LEVELS: readonly number[] = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);

/** Lower and upper bounds of a central interval at every point, [n, outputSize] row-major. */
export interface IntervalBounds {
  readonly lower: ArrayLike<number>;
  readonly upper: ArrayLike<number>;
}

/** Options of `evaluate`: interval levels, calibration-curve levels, a model's own interval, the std floor. */
export interface EvaluateOptions {
  /** Levels for `coverage` and `width`; default EVALUATION_LEVELS. */
  readonly levels?: readonly number[];
  /** Levels of the calibration curve; default CALIBRATION_LEVELS. */
  readonly calibrationLevels?: readonly number[];
  /**
   * The model's central interval at a level, for models that carry their own (a conformal
   * calibration). Used for coverage, width and the calibration curve; without it the interval
   * is the Gaussian one, mean ∓ Φ⁻¹(½ + level/2)·std.
   */
  readonly interval?: (level: number) => IntervalBounds;
  /** Floor on the predictive std in NLL, CRPS and PIT; default MIN_PREDICTIVE_STD. */
  readonly minStd?: number;
}

/** One point of the calibration curve: the fraction of targets inside the central interval of `level`. */
export interface CalibrationPoint {
  readonly level: number;
  readonly observed: number;
}

/** The scores of one output (or their average over outputs); every number is finite. */
export interface Scores {
  /** √(mean (y − mean)²), target units. */
  readonly rmse: number;
  /** mean |y − mean|, target units. */
  readonly mae: number;
  /** Mean −log N(y; mean, std²), nats per point, with the density in target units. */
  readonly nll: number;
  /** Mean CRPS of N(mean, std²), target units. */
  readonly crps: number;
  /** Fraction of targets inside the central interval, keyed by level ("0.95"). */
  readonly coverage: Readonly<Record<string, number>>;
  /** Mean width upper − lower of the central interval, target units, keyed by level. */
  readonly width: Readonly<Record<string, number>>;
  /** Mean over points of the aleatoric std (the noise the members predict), target units. */
  readonly aleatoricStd: number;
  /** Mean over points of the epistemic std (the members' disagreement), target units. */
  readonly epistemicStd: number;
  /** Share of the mean predictive variance that is aleatoric: mean σ²ₐ / (mean σ²ₐ + mean σ²ₑ); 0 for an all-zero variance. */
  readonly aleatoricShare: number;
  /** Expected (`level`) against observed coverage of central intervals. */
  readonly calibration: readonly CalibrationPoint[];
}

/** Everything `evaluate` measures on one labelled set: the scores per output and averaged, and their sizes. */
export interface Evaluation extends Scores {
  readonly n: number;
  readonly outputSize: number;
  /**
   * What the Gaussian's std holds: both parts for a model whose members predict a variance (the
   * Gaussian head); the members' spread alone otherwise (the "mse" head), which NLL, CRPS, PIT
   * and the Gaussian intervals then judge on its own.
   */
  readonly predictiveStd: "aleatoric+epistemic" | "epistemic only";
  /** Whether coverage and width come from `options.interval` or from the Gaussian. */
  readonly intervals: "supplied" | "gaussian";
  /** Each output's scores; the top-level scores are their mean (for one output, the same numbers). */
  readonly outputs: readonly Scores[];
  /** Probability integral transform Φ((y − mean)/std) of each target, [n, outputSize]: uniform on (0, 1) when calibrated. */
  readonly pit: Float64Array;
}

function checkLevels(levels: readonly number[], label: string): void {
  if (levels.length === 0) throw new InvalidArgumentError(`${label} is empty; give at least one level in (0, 1)`);
  for (const level of levels) centralIntervalZ(level);
}

function checkTargets(prediction: Prediction, yTrue: Float32Array): void {
  const { n, outputSize } = prediction;
  if (yTrue.length !== n * outputSize) {
    throw new ShapeError(
      `targets have ${yTrue.length} values; the prediction has ${n} points × ${outputSize} outputs = ${n * outputSize}`,
      { field: "yTrue", accepted: `${n * outputSize} values, [n, outputSize] row-major` },
    );
  }
  if (n < 2) {
    throw new InvalidArgumentError(
      `evaluation needs at least 2 points; got ${n} (coverage and calibration of a single point say nothing)`,
      { field: "yTrue", accepted: "2 or more points" },
    );
  }
  const bad = yTrue.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new DataError(
      `target at point ${Math.floor(bad / outputSize) + 1} (output ${bad % outputSize}) is ${yTrue[bad]}; only finite targets can be scored`,
      { field: "yTrue", accepted: "finite numbers" },
    );
  }
}

function checkBounds(bounds: IntervalBounds, size: number, level: number): void {
  for (const [name, values] of [
    ["lower", bounds.lower],
    ["upper", bounds.upper],
  ] as const) {
    if (values.length !== size)
      throw new ShapeError(`the interval at level ${level} has ${values.length} ${name} bounds; expected ${size}`, {
        field: `interval.${name}`,
      });
  }
  for (let i = 0; i < size; i++) {
    const lo = bounds.lower[i]!;
    const hi = bounds.upper[i]!;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo <= hi)) {
      throw new InvalidArgumentError(
        `the interval at level ${level} is [${lo}, ${hi}] at value ${i}; bounds must be finite with lower ≤ upper`,
        { field: "interval" },
      );
    }
  }
}

/** Coverage and mean width of one output's intervals: fraction of targets within [lower, upper]. */
function scoreInterval(bounds: IntervalBounds, yTrue: Float32Array, outputSize: number, k: number) {
  const n = yTrue.length / outputSize;
  let inside = 0;
  let width = 0;
  for (let i = 0; i < n; i++) {
    const j = i * outputSize + k;
    const y = yTrue[j]!;
    if (bounds.lower[j]! <= y && y <= bounds.upper[j]!) inside += 1;
    width += bounds.upper[j]! - bounds.lower[j]!;
  }
  return { coverage: inside / n, width: width / n };
}

function pointScores(prediction: Prediction, yTrue: Float32Array, k: number, minStd: number, pit: Float64Array) {
  const { n, outputSize } = prediction;
  let squares = 0;
  let absolute = 0;
  let nll = 0;
  let crps = 0;
  let aleatoricStd = 0;
  let epistemicStd = 0;
  let aleatoricVariance = 0;
  let epistemicVariance = 0;
  for (let i = 0; i < n; i++) {
    const j = i * outputSize + k;
    const y = yTrue[j]!;
    const mean = prediction.mean[j]!;
    const sd = prediction.std[j]!;
    squares += (y - mean) ** 2;
    absolute += Math.abs(y - mean);
    nll += gaussianNllAt(y, mean, sd, minStd);
    crps += gaussianCrpsAt(y, mean, sd, minStd);
    pit[j] = normalCdf(y, mean, Math.max(sd, minStd));
    aleatoricStd += prediction.aleatoricStd[j]!;
    epistemicStd += prediction.epistemicStd[j]!;
    aleatoricVariance += prediction.aleatoricStd[j]! ** 2;
    epistemicVariance += prediction.epistemicStd[j]! ** 2;
  }
  const totalVariance = aleatoricVariance + epistemicVariance;
  return {
    rmse: Math.sqrt(squares / n),
    mae: absolute / n,
    nll: nll / n,
    crps: crps / n,
    aleatoricStd: aleatoricStd / n,
    epistemicStd: epistemicStd / n,
    aleatoricShare: totalVariance > 0 ? aleatoricVariance / totalVariance : 0,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The mean over outputs of every score, level by level. */
function averageScores(outputs: readonly Scores[]): Scores {
  if (outputs.length === 1) return outputs[0]!;
  const byLevel = (pick: (s: Scores) => Readonly<Record<string, number>>) =>
    Object.fromEntries(Object.keys(pick(outputs[0]!)).map((key) => [key, mean(outputs.map((s) => pick(s)[key]!))]));
  return {
    rmse: mean(outputs.map((s) => s.rmse)),
    mae: mean(outputs.map((s) => s.mae)),
    nll: mean(outputs.map((s) => s.nll)),
    crps: mean(outputs.map((s) => s.crps)),
    coverage: byLevel((s) => s.coverage),
    width: byLevel((s) => s.width),
    aleatoricStd: mean(outputs.map((s) => s.aleatoricStd)),
    epistemicStd: mean(outputs.map((s) => s.epistemicStd)),
    aleatoricShare: mean(outputs.map((s) => s.aleatoricShare)),
    calibration: outputs[0]!.calibration.map(({ level }, c) => ({
      level,
      observed: mean(outputs.map((s) => s.calibration[c]!.observed)),
    })),
  };
}

/**
 * Scores a prediction against the true targets, as in docs/uncertainty.md ("Evaluation").
 *
 * The predictive distribution at each point is the Gaussian with the ensemble mixture's mean and
 * total variance (aleatoric + epistemic), as Lakshminarayanan et al. (2017) score deep ensembles:
 * NLL is its negative log-density, CRPS its closed form (Gneiting & Raftery 2007), PIT its CDF at
 * the target. Coverage and width are those of central intervals: the Gaussian's, or those of
 * `options.interval` (a calibrated model's). A model without an aleatoric part (the "mse" head)
 * is scored with its epistemic std alone, and `predictiveStd` says so.
 *
 * Multi-output predictions are scored output by output (`outputs`); the top-level scores are the
 * plain mean over outputs of each output's score (so `rmse` is the mean of per-output RMSEs).
 *
 * @param prediction - from `Ensemble.predict`, in target units, shapes [n, outputSize].
 * @param yTrue - the targets, [n, outputSize] row-major, finite.
 * @throws {ShapeError} when yTrue or a supplied interval does not hold n × outputSize values.
 * @throws {InvalidArgumentError} for fewer than 2 points, a level outside (0, 1), an empty list of
 *   levels, or a supplied interval with a non-finite bound or lower > upper.
 * @throws {DataError} for a target that is not finite.
 * @throws {NonFiniteOutputError} for a prediction with a value that is not finite.
 */
export function evaluate(prediction: Prediction, yTrue: Float32Array, options: EvaluateOptions = {}): Evaluation {
  assertFinitePrediction(prediction);
  checkTargets(prediction, yTrue);
  const levels = options.levels ?? EVALUATION_LEVELS;
  const calibrationLevels = options.calibrationLevels ?? CALIBRATION_LEVELS;
  checkLevels(levels, "levels");
  checkLevels(calibrationLevels, "calibrationLevels");
  const minStd = options.minStd ?? MIN_PREDICTIVE_STD;
  const { n, outputSize } = prediction;
  const size = n * outputSize;

  const intervalCache = new Map<number, IntervalBounds>();
  const intervalAt = (level: number): IntervalBounds => {
    let bounds = intervalCache.get(level);
    if (!bounds) {
      bounds = options.interval ? options.interval(level) : predictionInterval(prediction, centralIntervalZ(level));
      checkBounds(bounds, size, level);
      intervalCache.set(level, bounds);
    }
    return bounds;
  };

  const pit = new Float64Array(size);
  const outputs: Scores[] = [];
  for (let k = 0; k < outputSize; k++) {
    const coverage: Record<string, number> = {};
    const width: Record<string, number> = {};
    for (const level of levels) {
      const scored = scoreInterval(intervalAt(level), yTrue, outputSize, k);
      coverage[String(level)] = scored.coverage;
      width[String(level)] = scored.width;
    }
    const calibration = calibrationLevels.map((level) => ({
      level,
      observed: scoreInterval(intervalAt(level), yTrue, outputSize, k).coverage,
    }));
    outputs.push({ ...pointScores(prediction, yTrue, k, minStd, pit), coverage, width, calibration });
  }
  return {
    n,
    outputSize,
    predictiveStd: prediction.variance ? "aleatoric+epistemic" : "epistemic only",
    intervals: options.interval ? "supplied" : "gaussian",
    ...averageScores(outputs),
    outputs,
    pit,
  };
}

/**
 * Counts of PIT values in `bins` equal bins of [0, 1] (the last bin includes 1): the PIT
 * histogram, flat when the predictive distributions are calibrated (Gneiting et al. 2007).
 * @throws {InvalidArgumentError} unless bins is a positive integer.
 */
export function pitHistogram(pit: ArrayLike<number>, bins = 10): number[] {
  if (!(Number.isInteger(bins) && bins > 0))
    throw new InvalidArgumentError(`bins must be a positive integer, got ${bins}`, { field: "bins" });
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < pit.length; i++) counts[Math.min(bins - 1, Math.floor(pit[i]! * bins))]! += 1;
  return counts;
}
