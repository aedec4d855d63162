import { Ensemble, type ModelData, resolveEnsembleSpec, standardizeX } from "@rpf/core";
import { initEnsembleParams, registerBackend } from "@rpf/core/backend";
import { compareArrays, FLOAT32_TOLERANCES, type ReferencePrediction, referencePredict } from "@rpf/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { exportOnnx } from "./export/export-onnx.js";
import { importOnnx } from "./import/import-onnx.js";
import { onnxBackend } from "./index.js";
import { GRAPH_RUNTIMES, runGraphOnce } from "./run-graph.fixture.js";

/**
 * One λ per input column: both log limits exactly (0 for x ≥ 0, 2 for x < 0), negative, above 1,
 * between 0 and 1, the identity. 2.7 and 0.4 are not float32 numbers, so the graph's x_lambda
 * rounds them as it would a fitted λ.
 */
const LAMBDAS = [0, 2, -1.5, 2.7, 0.4, 1];
const WIDTH = LAMBDAS.length;
/** Each column sees each of these (both signs, zero, tiny, large), in a different row. */
const VALUES = [0, -0, 1e-6, -1e-6, 0.5, -0.5, 3, -3, 40, -40, 1e3, -1e3, 1e4, -1e4];
const TOLERANCE = FLOAT32_TOLERANCES.forward;

/** [rows, WIDTH]: row r, column c holds VALUES[(r + 5c) mod |VALUES|], over two cycles. */
function grid(): Float32Array {
  const rows = 2 * VALUES.length;
  return Float32Array.from({ length: rows * WIDTH }, (_, i) => {
    const [r, c] = [Math.floor(i / WIDTH), i % WIDTH];
    return VALUES[(r + 5 * c) % VALUES.length]! * (r < VALUES.length ? 1 : 0.75);
  });
}

/** A reference output in data units (y = v·yScale + yMean) with its terms' magnitude, which float32 rounding scales with. */
interface Expected {
  readonly values: Float64Array;
  readonly terms: Float64Array;
}

function inDataUnits(values: Float64Array, terms: Float64Array, yScale: number, yMean: number): Expected {
  return {
    values: values.map((v) => v * yScale + yMean),
    terms: terms.map((t) => t * yScale + Math.abs(yMean)),
  };
}

function expectClose(what: string, actual: ArrayLike<number>, expected: Expected): number {
  const closeness = compareArrays(actual, expected.values, TOLERANCE, TOLERANCE / 100, expected.terms);
  expect(
    closeness.ok,
    `${what}: max |Δ| ${closeness.maxAbs} (${closeness.maxRel} relative) at ${closeness.worstIndex}`,
  ).toBe(true);
  return closeness.maxRel;
}

/**
 * A model with inputTransform "yeo-johnson" predicts through its exported ONNX graph what core
 * predicts: core's standardizeX (Yeo-Johnson in float64, rounded once) then core's float64
 * reference forward pass, to the float32 forward tolerance relative to the terms summed.
 */
describe("an ensemble with the Yeo-Johnson input transform through ONNX", () => {
  let model: ModelData;
  let x: Float32Array;
  let reference: ReferencePrediction;
  let expected: Record<"members" | "prior" | "trainable", Expected>;
  const rows = 2 * VALUES.length;
  beforeAll(() => {
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
      yMean: [-2.5],
      yScale: [4],
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
    model = { spec, params: initEnsembleParams(spec), standardizer, training };
    x = grid();
    reference = referencePredict(spec, model.params, standardizeX(standardizer, x));
    const terms = reference.termMagnitude;
    expected = {
      members: inDataUnits(reference.members, terms.members, 4, -2.5),
      prior: inDataUnits(reference.prior, terms.prior, 4, 0),
      trainable: inDataUnits(reference.trainable, terms.trainable, 4, -2.5),
    };
  });

  it("the reference reaches far: the transformed inputs span many orders of magnitude", () => {
    const scaled = standardizeX(model.standardizer, x);
    const magnitudes = Array.from(scaled, Math.abs).filter((v) => v > 0);
    expect(Math.max(...magnitudes)).toBeGreaterThan(1e9);
    expect(reference.members.every(Number.isFinite)).toBe(true);
  });

  it.each(GRAPH_RUNTIMES)(
    "the exported graph on %s (%s) gives core's members, prior, trainable and mean",
    async (runtimeName, provider) => {
      const outputs = await runGraphOnce(exportOnnx(model), runtimeName, provider, x, WIDTH);
      for (const part of ["members", "prior", "trainable"] as const)
        expectClose(part, outputs[part]!.data as Float32Array, expected[part]);
      const { members } = model.spec;
      const mean = {
        values: new Float64Array(rows).map(
          (_, i) => expected.members.values.reduce((s, v, j) => (j % rows === i ? s + v : s), 0) / members,
        ),
        terms: new Float64Array(rows).map(
          (_, i) => expected.members.terms.reduce((s, v, j) => (j % rows === i ? s + v : s), 0) / members,
        ),
      };
      expectClose("mean", outputs.mean!.data as Float32Array, mean);
    },
  );

  it("would catch a graph without the transform: it misses core by far more than the tolerance", async () => {
    const { xLambda: _dropped, ...untransformed } = model.standardizer;
    const bytes = exportOnnx({
      ...model,
      spec: { ...model.spec, inputTransform: "none" },
      standardizer: untransformed,
    });
    const members = (await runGraphOnce(bytes, "onnxruntime-node", "cpu", x, WIDTH)).members!.data as Float32Array;
    expect(compareArrays(members, expected.members.values, TOLERANCE, TOLERANCE / 100, expected.members.terms).ok).toBe(
      false,
    );
  });

  it("imports back with its spec and standardizer, and the onnx backend serves it as core predicts", async () => {
    const back = importOnnx(exportOnnx(model));
    expect(back.spec).toEqual(model.spec);
    expect(back.standardizer).toEqual(model.standardizer);
    registerBackend(onnxBackend, { priority: 1 });
    const served = await Ensemble.fromModel(back, { backend: "onnx:cpu" });
    const prediction = await served.predict(x);
    await served.dispose();
    expectClose("members (onnx backend)", prediction.members, expected.members);
  });
});
