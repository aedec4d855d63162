import { type EnsembleSpec, formatBootstrap, type TrainingReport } from "@rpf/core";
import { type FieldValues, TRAINING_BACKENDS } from "./fields.js";

/** Where a model was trained, as its file records it. */
export type TrainedOn = Pick<TrainingReport, "backend" | "device">;

/** The form's backend value for where a model was trained ("tfjs" on "webgpu": "tfjs:webgpu"), if the form offers it. */
function offeredBackend(trained: TrainedOn | null): string | null {
  if (!trained) return null;
  const offered = TRAINING_BACKENDS.map((o) => o.value);
  return [`${trained.backend}:${trained.device}`, trained.backend].find((value) => offered.includes(value)) ?? null;
}

/**
 * The controls' values that reproduce a loaded model's settings, so Train retrains what was
 * loaded. A backend the form does not offer (a CLI model trained on tfjs-node) keeps the current one.
 */
export function valuesFromModel(spec: EnsembleSpec, trained: TrainedOn | null, current: FieldValues): FieldValues {
  return {
    members: String(spec.members),
    priorScale: String(spec.priorScale),
    hidden: spec.trainable.hiddenSizes.join(","),
    activation: spec.trainable.activation,
    bootstrap: formatBootstrap(spec.bootstrap),
    standardize: spec.standardize,
    epochs: String(spec.epochs),
    learningRate: String(spec.optimizer.learningRate),
    clipNorm: spec.optimizer.clipNorm === null ? "" : String(spec.optimizer.clipNorm),
    seed: String(spec.seed),
    backend: offeredBackend(trained) ?? current.backend,
  };
}
