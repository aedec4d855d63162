import { type EnsembleSpecInput, isRpfError, resolveEnsembleSpec } from "@rpf/core";
import { FIELDS, type FieldDefinition, type FieldKey, type FieldValues } from "./fields.js";

export type FieldErrors = Partial<Record<FieldKey, string>>;

export interface ValidatedSettings {
  /** The spec to train, or null while any field is invalid. */
  readonly spec: EnsembleSpecInput | null;
  readonly backend: string;
  readonly errors: FieldErrors;
}

/** Core's message for this field alone, so each field shows its own problem (and the CLI's words). */
function coreMessage(field: FieldDefinition, value: string): string | null {
  if (!field.toSpec) return null;
  try {
    resolveEnsembleSpec(field.toSpec(value));
    return null;
  } catch (error) {
    if (isRpfError(error)) return error.message;
    throw error;
  }
}

/** For a choice core does not judge (the backend): it must be one the page offers. */
function selectMessage(field: FieldDefinition, value: string): string | null {
  if (field.input.kind !== "select" || field.toSpec) return null;
  const accepted = field.input.options.map((o) => o.value);
  return accepted.includes(value)
    ? null
    : `${field.param} ${JSON.stringify(value)} is not offered; accepted: ${accepted.join(", ")}`;
}

function mergeSpec(into: EnsembleSpecInput, part: EnsembleSpecInput): EnsembleSpecInput {
  return {
    ...into,
    ...part,
    trainable: { ...into.trainable, ...part.trainable },
    optimizer: { ...into.optimizer, ...part.optimizer },
  };
}

/** Validates every field through core's resolveEnsembleSpec, then the playground's tighter limits. */
export function validateSettings(values: FieldValues): ValidatedSettings {
  const errors: FieldErrors = {};
  let spec: EnsembleSpecInput = { inputSize: 1, outputSize: 1 };
  for (const field of FIELDS) {
    const value = values[field.key];
    const message = coreMessage(field, value) ?? selectMessage(field, value) ?? field.limit?.(value) ?? null;
    if (message) errors[field.key] = message;
    else if (field.toSpec) spec = mergeSpec(spec, field.toSpec(value));
  }
  const valid = Object.keys(errors).length === 0;
  return { spec: valid ? spec : null, backend: values.backend, errors };
}
