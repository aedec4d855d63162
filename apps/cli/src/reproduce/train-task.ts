import { type Dataset, Ensemble, type EnsembleSpec, memberSlice, type Prediction } from "@rpf/core";
import { registerBackendsFor } from "../backends.js";

export interface TrainTask {
  readonly spec: EnsembleSpec;
  readonly backend: string;
  readonly data: Dataset;
  readonly grid: Float32Array;
}

export interface TrainTaskResult {
  readonly prediction: Prediction;
  readonly finalLosses: readonly number[];
  readonly trainingMse: readonly number[];
  readonly trainSeconds: number;
  readonly device: string;
  readonly backendName: string;
}

function meanSquaredError(predicted: Float32Array, target: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < target.length; i++) sum += (predicted[i]! - target[i]!) ** 2;
  return sum / target.length;
}

/**
 * One experiment's training, run in a worker thread (tinypool). It depends only on its inputs,
 * so results do not depend on which worker runs it or in what order.
 */
export default async function trainTask({ spec, backend, data, grid }: TrainTask): Promise<TrainTaskResult> {
  await registerBackendsFor(backend, "train", 1);
  const ensemble = await Ensemble.create(spec, { backend });
  try {
    await ensemble.fit(data);
    const report = ensemble.training!;
    const prediction = await ensemble.predict(grid);
    const onData = await ensemble.predict(data.x);
    const trainingMse = Array.from({ length: spec.members }, (_, m) =>
      meanSquaredError(memberSlice(onData.members, onData, m), data.y),
    );
    return {
      prediction,
      finalLosses: report.finalLosses,
      trainingMse,
      trainSeconds: report.trainSeconds,
      device: report.device,
      backendName: report.backend,
    };
  } finally {
    await ensemble.dispose();
  }
}
