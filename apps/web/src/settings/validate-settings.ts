import { type EnsembleSpecInput, isRpfError, type RpfError, resolveEnsembleSpec } from "@rpf/core";
import { fieldMessage } from "./field-rules.js";
import { FIELDS, type FieldDefinition, type FieldKey, type FieldValues } from "./fields.js";

export type FieldErrors = Partial<Record<FieldKey, string>>;

export interface ValidatedSettings {
  /** The spec to train, or null while any field is invalid. */
  readonly spec: EnsembleSpecInput | null;
  readonly backend: string;
  readonly errors: FieldErrors;
}

/**
 * Core's message for this field's part of the spec alone, under the field's label ("Prior scale β
 * must be within the float32 range …" where core says "priorScale must be …"), or null when core
 * accepts it.
 */
function coreMessage(field: FieldDefinition, value: string): string | null {
  if (!field.toSpec) return null;
  try {
    resolveEnsembleSpec(field.toSpec(value));
    return null;
  } catch (error) {
    if (!isRpfError(error)) throw error;
    return inFieldWords(field, error);
  }
}

/** Core's message under the field's label: "Standardize is …" where core says "standardize is …". */
export function inFieldWords(field: FieldDefinition, error: RpfError): string {
  const named = error.details.field;
  if (named && error.message.startsWith(`${named} `)) return `${field.label}${error.message.slice(named.length)}`;
  return `${field.label}: ${error.message}`;
}

function mergeSpec(into: EnsembleSpecInput, part: EnsembleSpecInput): EnsembleSpecInput {
  return {
    ...into,
    ...part,
    trainable: { ...into.trainable, ...part.trainable },
    optimizer: { ...into.optimizer, ...part.optimizer },
  };
}

/**
 * Judges every field by the form's own limits, in the field's words; then core's
 * resolveEnsembleSpec, which the form's limits are inside of, so a spec sent to the worker is one
 * core takes. Should core still refuse, its message is shown under the field's label.
 */
export function validateSettings(values: FieldValues): ValidatedSettings {
  const errors: FieldErrors = {};
  let spec: EnsembleSpecInput = { inputSize: 1, outputSize: 1 };
  for (const field of FIELDS) {
    const value = values[field.key];
    const own = fieldMessage(field, value, () => coreMessage(field, value) === null);
    const refused = own === null ? coreMessage(field, value) : null;
    const message = own ?? refused;
    if (message) errors[field.key] = message;
    else if (field.toSpec) spec = mergeSpec(spec, field.toSpec(value));
  }
  const valid = Object.keys(errors).length === 0;
  return { spec: valid ? spec : null, backend: values.backend, errors };
}
