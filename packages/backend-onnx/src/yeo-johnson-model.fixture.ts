import { type ModelData, resolveEnsembleSpec, standardizeX } from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { type Closeness, compareArrays, FLOAT32_TOLERANCES, referencePredict } from "@rpf/core/testing";

/**
 * One λ per input column: both log limits exactly (0 for x ≥ 0, 2 for x < 0), negative, above 1,
 * between 0 and 1, the identity. 2.7 and 0.4 are not float32 numbers, so the graph's x_lambda
 * rounds them as it would a fitted λ.
 */
const LAMBDAS = [0, 2, -1.5, 2.7, 0.4, 1];
const WIDTH = LAMBDAS.length;
/** Each column sees each of these (both signs, zero, tiny, large), in a different row. */
const VALUES = [0, -0, 1e-6, -1e-6, 0.5, -0.5, 3, -3, 40, -40, 1e3, -1e3, 1e4, -1e4];
const ROWS = 2 * VALUES.length;
const Y = { mean: -2.5, scale: 4 };
/** The float32 forward tolerance of the conformance suite, relative to the terms summed. */
export const YEO_JOHNSON_TOLERANCE = FLOAT32_TOLERANCES.forward;

/** A reference output in data units (y = v·yScale + yMean) with its terms' magnitude, which float32 rounding scales with. */
export interface Expected {
  readonly values: Float64Array;
  readonly terms: Float64Array;
}

/** The case: the model, its inputs [rows, width] and core's float64 reference outputs in data units. */
export interface YeoJohnsonCase {
  readonly model: ModelData;
  readonly x: Float32Array;
  readonly width: number;
  readonly rows: number;
  readonly expected: Record<"members" | "prior" | "trainable" | "mean", Expected>;
}

/** [ROWS, WIDTH]: row r, column c holds VALUES[(r + 5c) mod |VALUES|], the second cycle scaled by 0.75. */
function grid(): Float32Array {
  return Float32Array.from({ length: ROWS * WIDTH }, (_, i) => {
    const [r, c] = [Math.floor(i / WIDTH), i % WIDTH];
    return VALUES[(r + 5 * c) % VALUES.length]! * (r < VALUES.length ? 1 : 0.75);
  });
}

function inDataUnits(values: Float64Array, terms: Float64Array, yMean: number): Expected {
  return {
    values: values.map((v) => v * Y.scale + yMean),
    terms: terms.map((t) => t * Y.scale + Math.abs(yMean)),
  };
}

/** The member average of [M, rows] values, [rows]. */
function memberMean(values: Float64Array, members: number): Float64Array {
  return new Float64Array(ROWS).map((_, i) => {
    let sum = 0;
    for (let m = 0; m < members; m++) sum += values[m * ROWS + i]!;
    return sum / members;
  });
}

/**
 * A 4-member mse ensemble (initial weights, standardize "xy") with inputTransform "yeo-johnson"
 * over six columns, and what core predicts for it on inputs of both signs, zero, ±1e-6 and up to
 * ±1e4: core's standardizeX (Yeo-Johnson in float64, rounded once), then the float64 reference
 * forward pass.
 */
export function yeoJohnsonCase(): YeoJohnsonCase {
  const spec = resolveEnsembleSpec({
    members: 4,
    inputSize: WIDTH,
    standardize: "xy",
    inputTransform: "yeo-johnson",
    priorScale: 3,
    seed: 11,
  });
  const standardizer = {
    xMean: [0.8, -0.9, 0.2, 3, 0.5, 0.1],
    xScale: [0.9, 1.1, 0.7, 6, 1.2, 2],
    yMean: [Y.mean],
    yScale: [Y.scale],
    xLambda: LAMBDAS,
  };
  // A training report, so that core serves the model with its standardizer (an untrained one refits it on first data).
  const training = {
    backend: "none (initial weights)",
    device: "cpu",
    epochs: 1,
    examples: 1,
    trainSeconds: 0,
    finalLosses: [1, 1, 1, 1],
    lossEvery: 1,
    meanLossHistory: [1],
  };
  const model: ModelData = { spec, params: initEnsembleParams(spec), standardizer, training };
  const x = grid();
  const reference = referencePredict(spec, model.params, standardizeX(standardizer, x));
  const terms = reference.termMagnitude;
  const members = inDataUnits(reference.members, terms.members, Y.mean);
  return {
    model,
    x,
    width: WIDTH,
    rows: ROWS,
    expected: {
      members,
      prior: inDataUnits(reference.prior, terms.prior, 0),
      trainable: inDataUnits(reference.trainable, terms.trainable, Y.mean),
      mean: { values: memberMean(members.values, spec.members), terms: memberMean(members.terms, spec.members) },
    },
  };
}

/** How close `actual` is to a reference output: YEO_JOHNSON_TOLERANCE relative to its terms, 1/100 of it absolute. */
export function closenessTo(actual: ArrayLike<number>, expected: Expected): Closeness {
  return compareArrays(actual, expected.values, YEO_JOHNSON_TOLERANCE, YEO_JOHNSON_TOLERANCE / 100, expected.terms);
}
