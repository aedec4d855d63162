import type { Prediction } from "@rpf/core";
import type { ClassSnapshot, WorkerResponse } from "./protocol.js";

/** What a job needs from the worker: a way to reply and the signal that Stop aborts. */
export interface JobContext {
  readonly job: number;
  readonly signal: AbortSignal;
  post(response: WorkerResponse): void;
}

/** The buffers of a prediction, once each, to hand over instead of copying. */
export function predictionBuffers(prediction: Prediction | null): ArrayBuffer[] {
  if (!prediction) return [];
  const arrays = [prediction.members, prediction.prior, prediction.trainable, prediction.mean, prediction.std];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** The buffers of a classification snapshot, to hand over instead of copying. */
export function classSnapshotBuffers(snapshot: ClassSnapshot | undefined): ArrayBuffer[] {
  if (!snapshot) return [];
  return [snapshot.probabilities.buffer as ArrayBuffer, snapshot.mutualInformation.buffer as ArrayBuffer];
}
