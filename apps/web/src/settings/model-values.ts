import {
  ADAM_DEFAULTS,
  DEFAULT_VARIANCE_FLOOR,
  type EnsembleSpec,
  formatBootstrap,
  type NetworkSpec,
  NOTEBOOK_NETWORK,
  type TrainingReport,
} from "@rpf/core";
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
    head: spec.head,
    // Blank is the form's "none", as a new form shows it.
    weightDecay: spec.weightDecay === 0 ? "" : String(spec.weightDecay),
    seed: String(spec.seed),
    backend: offeredBackend(trained) ?? current.backend,
  };
}

function sameNetwork(a: NetworkSpec, b: NetworkSpec): boolean {
  return (
    a.activation === b.activation &&
    a.kernelInit === b.kernelInit &&
    a.hiddenSizes.length === b.hiddenSizes.length &&
    a.hiddenSizes.every((width, i) => width === b.hiddenSizes[i])
  );
}

/**
 * The model's settings that the form has no control for (a CLI model may have them), in words:
 * Train from the form would not reproduce them, and the page says so rather than hide it.
 */
export function settingsTheFormLacks(spec: EnsembleSpec): string[] {
  const lacking: string[] = [];
  const { optimizer } = spec;
  if (optimizer.kind !== "adam") lacking.push(`the ${optimizer.kind.toUpperCase()} optimizer`);
  else if (
    optimizer.b1 !== ADAM_DEFAULTS.b1 ||
    optimizer.b2 !== ADAM_DEFAULTS.b2 ||
    optimizer.eps !== ADAM_DEFAULTS.eps
  ) {
    lacking.push(`Adam's b1 ${optimizer.b1}, b2 ${optimizer.b2}, eps ${optimizer.eps}`);
  }
  if (spec.trainable.kernelInit !== NOTEBOOK_NETWORK.kernelInit) {
    lacking.push(`the ${spec.trainable.kernelInit} initializer`);
  }
  if (!sameNetwork(spec.prior, spec.trainable)) {
    lacking.push(
      `a prior network of its own (${spec.prior.hiddenSizes.join(",") || "linear"} ${spec.prior.activation})`,
    );
  }
  if (spec.batchSize !== null) lacking.push(`minibatches of ${spec.batchSize}`);
  // The floor only acts in the Gaussian head; a model without it may carry any (unused) value.
  if (spec.head === "gaussian" && spec.varianceFloor !== DEFAULT_VARIANCE_FLOOR) {
    lacking.push(`a variance floor of ${spec.varianceFloor}`);
  }
  if (spec.head === "gaussian" && spec.varianceWeighting !== 0) lacking.push(`β-NLL ${spec.varianceWeighting}`);
  if (spec.head === "gaussian" && spec.meanWarmup !== 0) lacking.push(`a mean warm-up of ${spec.meanWarmup} epochs`);
  if (spec.inputTransform !== "none") lacking.push(`the ${spec.inputTransform} input transform`);
  return lacking;
}
