import {
  type ClassPrediction,
  type Dataset,
  Ensemble,
  fitStandardizer,
  type ModelData,
  oneHot,
  resolveEnsembleSpec,
  standardizeX,
  summarizeClasses,
} from "@rpf/core";
import { bootstrapWeights, initEnsembleParams, registerBackend } from "@rpf/core/backend";
import { keyFromSeed, normal } from "@rpf/core/random";
import { compareArrays, FLOAT32_TOLERANCES, referencePredict, referenceTrain } from "@rpf/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { exportOnnx } from "./export/export-onnx.js";
import { importOnnx } from "./import/import-onnx.js";
import { onnxBackend } from "./index.js";
import { GRAPH_RUNTIMES, runGraphOnce } from "./run-graph.fixture.js";
import type { RuntimeName } from "./runtime/ort-runtime.js";

const CLASSES = 3;
/** Full-batch Adam epochs of the float64 reference: enough to fit the clusters (checked below). */
const EPOCHS = 150;
/** The clusters' centres; each class is N(centre, 0.5²·I). */
const CENTRES = [
  [-2, 0],
  [2, 0],
  [0, 2.5],
] as const;

/** Three Gaussian clusters in the plane, `perClass` points each, one-hot labels. */
function clusters(perClass: number): Dataset {
  const noise = normal(keyFromSeed(7), 2 * CLASSES * perClass);
  const x = new Float32Array(2 * CLASSES * perClass);
  const labels: number[] = [];
  for (let c = 0; c < CLASSES; c++) {
    for (let i = 0; i < perClass; i++) {
      const row = c * perClass + i;
      x[2 * row] = CENTRES[c]![0] + 0.5 * noise[2 * row]!;
      x[2 * row + 1] = CENTRES[c]![1] + 0.5 * noise[2 * row + 1]!;
      labels.push(c);
    }
  }
  return { x, y: oneHot(labels, CLASSES), n: CLASSES * perClass, inputSize: 2, outputSize: CLASSES };
}

/** `count` points on the circle of radius r around the origin, [count, 2]. */
function ring(radius: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => {
    const angle = (2 * Math.PI * i) / count;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  }).flat();
}

/**
 * The conformance suite's float32 forward tolerance. Measured (onnxruntime-node cpu and
 * onnxruntime-web wasm, 2026-11-30): probabilities within 3.9e-7 of core, entropies 4.2e-7,
 * logits 7.3e-4 at radius 1000 where they reach thousands.
 */
const TOLERANCE = FLOAT32_TOLERANCES.forward;

/**
 * |actual − expected| ≤ TOLERANCE for probabilities and entropies (at most log K); logits, which
 * reach thousands at radius 1000, are held to TOLERANCE relative to the size of the terms summed
 * to make them (`terms`, the reference's termMagnitude), as the conformance suite holds outputs.
 */
function expectClose(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  terms?: ArrayLike<number>,
): number {
  const closeness = terms
    ? compareArrays(actual, expected, TOLERANCE, TOLERANCE, terms)
    : compareArrays(actual, expected, 0, TOLERANCE);
  expect(closeness.ok, `${what}: max |Δ| ${closeness.maxAbs} at ${closeness.worstIndex}`).toBe(true);
  return closeness.maxAbs;
}

/**
 * The "average logits" fault: the softmax of the members' mean logits, [n, K], computed in float64
 * from the reference's logits — what a graph (or backend) that averaged before the softmax would
 * report instead of the average of the members' probabilities.
 */
function softmaxOfMeanLogits(reference: ClassPrediction): Float64Array {
  const { memberCount, n, classCount, logits } = reference;
  const out = new Float64Array(n * classCount);
  for (let i = 0; i < n; i++) {
    const mean = Array.from({ length: classCount }, (_, k) => {
      let sum = 0;
      for (let m = 0; m < memberCount; m++) sum += logits[(m * n + i) * classCount + k]!;
      return sum / memberCount;
    });
    const max = Math.max(...mean);
    const total = mean.reduce((s, v) => s + Math.exp(v - max), 0);
    for (let k = 0; k < classCount; k++) out[i * classCount + k] = Math.exp(mean[k]! - max) / total;
  }
  return out;
}

/** Max |Δ| over the rows [from, to) of two [n, K] arrays. */
function maxRowsDiff(a: ArrayLike<number>, b: ArrayLike<number>, from: number, to: number): number {
  let worst = 0;
  for (let i = from * CLASSES; i < to * CLASSES; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/**
 * Issue #15's ONNX item: a categorical ensemble, trained (and predicted) by core's float64
 * reference so that no training backend stands between the model and the check, gives through
 * its exported graph and through the onnx backend serving the imported file core's
 * summarizeClasses of its logits (what Ensemble.predictClasses returns) to float32 tolerance — in the clusters, on a ring far from them where
 * the members disagree, and so far out (radius 1000) that softmax probabilities underflow to 0.
 */
describe("a categorical ensemble through ONNX (three clusters in the plane)", () => {
  let model: ModelData;
  let reference: ClassPrediction;
  let logitTerms: Float64Array;
  const inData = CENTRES.flatMap(([a, b]) => [a, b, a + 0.3, b - 0.2]);
  const farRing = ring(8, 60);
  const extreme = ring(1000, 12);
  const grid = Float32Array.from([...inData, ...farRing, ...extreme]);
  const rows = { inData: inData.length / 2, far: farRing.length / 2, extreme: extreme.length / 2 };
  const n = grid.length / 2;
  beforeAll(() => {
    const spec = resolveEnsembleSpec({
      members: 5,
      inputSize: 2,
      outputSize: CLASSES,
      head: "categorical",
      standardize: "x",
      priorScale: 3,
      optimizer: { kind: "adam", learningRate: 0.01 },
      seed: 3,
    });
    const data = clusters(40);
    const standardizer = fitStandardizer(data, spec.standardize, spec.inputTransform);
    const scaled = { ...data, x: standardizeX(standardizer, data.x) };
    const initial = initEnsembleParams(spec);
    const trained = referenceTrain(spec, initial, scaled, bootstrapWeights(spec, data.n), EPOCHS);
    const params = { trainable: Float32Array.from(trained.trainable), prior: initial.prior };
    // A model with a training report: core uses its standardizer (an untrained one refits it on first data).
    const members = spec.members;
    const epochMeans = Array.from(
      { length: EPOCHS },
      (_, e) => trained.losses.subarray(e * members, (e + 1) * members).reduce((a, b) => a + b, 0) / members,
    );
    const training = {
      backend: "float64 reference",
      device: "cpu",
      epochs: EPOCHS,
      examples: data.n,
      trainSeconds: 0,
      finalLosses: Array.from(trained.losses.subarray((EPOCHS - 1) * members)),
      lossEvery: 1,
      meanLossHistory: epochMeans,
    };
    model = { spec, params, standardizer, training, classes: ["left", "right", "top"] };
    const forward = referencePredict(spec, params, standardizeX(standardizer, grid));
    logitTerms = forward.termMagnitude.members;
    reference = summarizeClasses(Float32Array.from(forward.members), spec.members, CLASSES);
  }, 120_000);

  it("the reference is a trained, uncertain-far-out prediction with underflowed probabilities at radius 1000", () => {
    for (const [c] of CENTRES.entries()) expect(reference.predictedClass[2 * c]).toBe(c);
    const meanMi = (from: number, count: number) =>
      reference.mutualInformation.subarray(from, from + count).reduce((s, v) => s + v, 0) / count;
    expect(meanMi(rows.inData, rows.far)).toBeGreaterThan(10 * meanMi(0, rows.inData));
    // Some class gets probability exactly 0 from every member: 0·log 0 must count as 0 there.
    expect(reference.probabilities.subarray((n - rows.extreme) * CLASSES).some((p) => p === 0)).toBe(true);
  });

  /** The exported graph's outputs on the grid, on one runtime and execution provider. */
  const runGraph = (runtimeName: RuntimeName, provider: string) =>
    runGraphOnce(exportOnnx(model), runtimeName, provider, grid, 2);

  it.each(GRAPH_RUNTIMES)(
    "the exported graph on %s (%s) gives probabilities, predicted_class, the three entropies and the logits of summarizeClasses",
    async (runtimeName, provider) => {
      const outputs = await runGraph(runtimeName, provider);
      expect(outputs.probabilities!.dims).toEqual([n, CLASSES]);
      expect(outputs.members!.dims).toEqual([5, n, CLASSES]);
      expect(outputs.entropy!.dims).toEqual([n]);
      const errors = {
        logits: expectClose("members (logits)", outputs.members!.data as Float32Array, reference.logits, logitTerms),
        probabilities: expectClose(
          "probabilities",
          outputs.probabilities!.data as Float32Array,
          reference.probabilities,
        ),
        entropy: expectClose("entropy", outputs.entropy!.data as Float32Array, reference.entropy),
        aleatoric: expectClose(
          "aleatoric_entropy",
          outputs.aleatoric_entropy!.data as Float32Array,
          reference.aleatoricEntropy,
        ),
        mutualInformation: expectClose(
          "mutual_information",
          outputs.mutual_information!.data as Float32Array,
          reference.mutualInformation,
        ),
      };
      expect(Object.values(errors).every(Number.isFinite)).toBe(true);
      const predicted = Array.from(outputs.predicted_class!.data as BigInt64Array, Number);
      expect(predicted).toEqual(Array.from(reference.predictedClass));
      expect((outputs.mutual_information!.data as Float32Array).every((v) => v >= 0)).toBe(true);
    },
  );

  it("would catch a graph that averages the logits: far from the data the two differ by far more than the tolerance", async () => {
    const outputs = await runGraph("onnxruntime-node", "cpu");
    const graphProbabilities = outputs.probabilities!.data as Float32Array;
    const faulty = softmaxOfMeanLogits(reference);
    const farRows = [rows.inData, rows.inData + rows.far] as const;
    // On the far ring the members disagree, and the average of their softmaxes is much less
    // confident than the softmax of their mean: a faulty graph would miss by ≥ 0.1 ≫ TOLERANCE …
    expect(maxRowsDiff(faulty, reference.probabilities, ...farRows)).toBeGreaterThan(0.1);
    expect(compareArrays(faulty, reference.probabilities, 0, TOLERANCE).ok).toBe(false);
    // … while the exported graph is the average of the probabilities.
    expect(maxRowsDiff(graphProbabilities, faulty, ...farRows)).toBeGreaterThan(0.1);
    expectClose("probabilities on the far ring", graphProbabilities, reference.probabilities);
  });

  it("imports back exactly, and the onnx backend serves predictClasses within the same tolerance", async () => {
    const back = importOnnx(exportOnnx(model));
    expect(back.spec).toEqual(model.spec);
    expect(back.standardizer).toEqual(model.standardizer);
    expect(back.classes).toEqual(model.classes);
    expect(new Uint32Array(back.params.trainable.buffer)).toEqual(new Uint32Array(model.params.trainable.buffer));
    expect(new Uint32Array(back.params.prior.buffer)).toEqual(new Uint32Array(model.params.prior.buffer));
    registerBackend(onnxBackend, { priority: 1 });
    const served = await Ensemble.fromModel(back, { backend: "onnx:cpu" });
    const prediction = await served.predictClasses(grid);
    await served.dispose();
    expectClose("logits", prediction.logits, reference.logits, logitTerms);
    expectClose("probabilities", prediction.probabilities, reference.probabilities);
    expectClose("entropy", prediction.entropy, reference.entropy);
    expectClose("aleatoricEntropy", prediction.aleatoricEntropy, reference.aleatoricEntropy);
    expectClose("mutualInformation", prediction.mutualInformation, reference.mutualInformation);
    expect(Array.from(prediction.predictedClass)).toEqual(Array.from(reference.predictedClass));
  });
});
