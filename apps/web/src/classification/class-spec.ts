import { isRpfError, resolveEnsembleSpec } from "@rpf/core";
import { FIELDS } from "../settings/fields.js";
import { type FieldErrors, inFieldWords, type ValidatedSettings } from "../settings/validate-settings.js";

/**
 * The form's settings for a 2D classification run: the same ensemble with two inputs, one logit per
 * class and the categorical head (the head control is the 1D view's). Core judges the whole spec,
 * since some choices are refused only with this head (standardizing y: a class has no scale); its
 * message goes under the field it names, or under the first field when it names none of the form's.
 */
export function classificationSettings(settings: ValidatedSettings, classCount: number): ValidatedSettings {
  if (!settings.spec) return settings;
  const spec = { ...settings.spec, inputSize: 2, outputSize: classCount, head: "categorical" as const };
  try {
    resolveEnsembleSpec(spec);
    return { ...settings, spec };
  } catch (error) {
    if (!isRpfError(error)) throw error;
    const field = FIELDS.find((f) => f.key === error.details.field) ?? FIELDS[0]!;
    const errors: FieldErrors = { [field.key]: inFieldWords(field, error) };
    return { spec: null, backend: settings.backend, errors };
  }
}
