import { createDataset, Ensemble, type EnsembleSpec, oneHot } from "@rpf/core";
import { registerBackendsFor } from "../backends.js";

/** One cell of the 2D ablation on one data set: what a worker thread trains and where it predicts. */
export interface ClassificationTask {
  readonly spec: EnsembleSpec;
  readonly backend: string;
  /** Training inputs, float32 [n, 2], and their classes, int32 [n]. */
  readonly x: Float32Array;
  readonly classIndex: Int32Array;
  /** The figures' plane, float32 [g, 2], and the far ring, float32 [r, 2]. */
  readonly plane: Float32Array;
  readonly ring: Float32Array;
}

/** What the figures and the summary need from one trained cell; arrays are per plane point. */
export interface ClassificationTaskResult {
  /** [g]: the averaged probability of class 1 (the predicted class is 1 where it exceeds 1/2). */
  readonly planeProbability: Float32Array;
  /** [g]: mutual information, nats. */
  readonly planeMutualInformation: Float32Array;
  /** Mean mutual information over the training points and over the ring, nats. */
  readonly meanMiOnData: number;
  readonly meanMiOnRing: number;
  /** Fraction of training points whose predicted class is their own. */
  readonly trainingAccuracy: number;
  readonly finalLosses: readonly number[];
  readonly trainSeconds: number;
  readonly backendName: string;
  readonly device: string;
}

const mean = (values: Float32Array) => values.reduce((sum, v) => sum + v, 0) / values.length;

/**
 * Trains one cell in a worker thread (tinypool) with the library's public API and predicts classes
 * on the plane, the training points and the ring. It depends only on its inputs, so the results do
 * not depend on which worker runs it or in what order.
 */
export default async function classificationTask(task: ClassificationTask): Promise<ClassificationTaskResult> {
  const { spec, backend, x, classIndex, plane, ring } = task;
  await registerBackendsFor(backend, "train", 1);
  const ensemble = await Ensemble.create(spec, { backend });
  try {
    await ensemble.fit(createDataset(x, oneHot(classIndex, spec.outputSize), 2, spec.outputSize));
    const report = ensemble.training!;
    const onPlane = await ensemble.predictClasses(plane);
    const onData = await ensemble.predictClasses(x);
    const onRing = await ensemble.predictClasses(ring);
    const planeProbability = new Float32Array(onPlane.n);
    for (let i = 0; i < onPlane.n; i++) planeProbability[i] = onPlane.probabilities[i * onPlane.classCount + 1]!;
    const correct = onData.predictedClass.reduce((sum, k, i) => sum + (k === classIndex[i] ? 1 : 0), 0);
    return {
      planeProbability,
      planeMutualInformation: onPlane.mutualInformation,
      meanMiOnData: mean(onData.mutualInformation),
      meanMiOnRing: mean(onRing.mutualInformation),
      trainingAccuracy: correct / classIndex.length,
      finalLosses: report.finalLosses,
      trainSeconds: report.trainSeconds,
      backendName: report.backend,
      device: report.device,
    };
  } finally {
    await ensemble.dispose();
  }
}
