import { DEFAULT_VALUES, FIELDS, type FieldValues } from "./fields.js";

/** Control values from a query string; parameters that are absent keep their defaults. */
export function readUrlState(search: string): FieldValues {
  const params = new URLSearchParams(search);
  const values = { ...DEFAULT_VALUES };
  for (const field of FIELDS) {
    const value = params.get(field.param);
    if (value !== null) values[field.key] = value;
  }
  return values;
}

/** The query string for these values: every control, so a shared link means the same setup later. */
export function urlStateQuery(values: FieldValues): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) params.set(field.param, values[field.key]);
  return `?${params.toString()}`;
}
