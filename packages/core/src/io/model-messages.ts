import { describeValue } from "../describe-value.js";

/** Values quoted from a model file are cut to this many characters: a hostile file can hold megabytes. */
const MAX_SHOWN = 60;

/** Shortens `text` to `max` characters, saying how long it was. */
export function clip(text: string, max = MAX_SHOWN): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A value read from a model file as an error message shows it. */
export function showValue(value: unknown): string {
  // describeValue would print a megabyte array in full first: summarise big containers.
  if (Array.isArray(value) && value.length > MAX_SHOWN) return `a list of ${value.length} values`;
  return clip(describeValue(value));
}
