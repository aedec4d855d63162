import type { FieldDefinition, ListInput, NumberInput, SelectOption } from "./fields.js";
import { parseNumber } from "./fields.js";

/** Limits as the form shows them: 100000 as "100,000". */
export function formatLimit(value: number): string {
  return value.toLocaleString("en", { maximumFractionDigits: 20 });
}

/** What the user typed, as a message quotes it. */
function typed(text: string): string {
  return text.trim() === "" ? "it is blank" : `got ${JSON.stringify(text.trim())}`;
}

/** The accepted values of a number control, in words: "a whole number from 1 to 64". */
export function acceptedNumbers(input: NumberInput): string {
  const kind = input.integer ? "a whole number" : "a number";
  const { min, max } = input;
  const range =
    max === undefined
      ? `${input.aboveMin ? "above" : "of at least"} ${formatLimit(min)}`
      : input.aboveMin
        ? `above ${formatLimit(min)} and at most ${formatLimit(max)}`
        : `from ${formatLimit(min)} to ${formatLimit(max)}`;
  return `${kind} ${range}${input.blank ? ` (blank: ${input.blank})` : ""}`;
}

function inRange(value: number, input: Pick<NumberInput, "min" | "max" | "integer" | "aboveMin">): boolean {
  return (
    Number.isFinite(value) &&
    (!input.integer || Number.isInteger(value)) &&
    (input.aboveMin ? value > input.min : value >= input.min) &&
    (input.max === undefined || value <= input.max)
  );
}

function numberMessage(label: string, input: NumberInput, text: string): string | null {
  if (input.blank && text.trim() === "") return null;
  return inRange(parseNumber(text), input) ? null : `${label} must be ${acceptedNumbers(input)}; ${typed(text)}`;
}

function listMessage(label: string, input: ListInput, text: string): string | null {
  const items = text.trim() === "" ? [] : text.split(",");
  const each = `whole numbers from ${formatLimit(input.min)} to ${formatLimit(input.max)}`;
  if (items.length > input.maxItems) {
    return `${label} takes at most ${input.maxItems} ${each}, separated by commas; got ${items.length}`;
  }
  const bad = items.findIndex((item) => !inRange(parseNumber(item), { ...input, integer: true }));
  if (bad < 0) return null;
  return `${label} must be ${each}, separated by commas; number ${bad + 1} is ${items[bad]!.trim() === "" ? "missing" : JSON.stringify(items[bad]!.trim())}`;
}

function selectMessage(label: string, options: readonly SelectOption[], text: string): string {
  return `${label} ${JSON.stringify(text)} is not one of the choices: ${options.map((o) => o.label).join("; ")}`;
}

/**
 * The form's own judgement of one field, in the field's label and with the limits the control
 * itself has; null when the value is acceptable. A select's value outside its list (from a shared
 * link) passes when `acceptedByCore` says the spec takes it (bernoulli:0.3 is a valid bootstrap).
 */
export function fieldMessage(field: FieldDefinition, text: string, acceptedByCore: () => boolean): string | null {
  const { input, label } = field;
  switch (input.kind) {
    case "number":
      return numberMessage(label, input, text);
    case "list":
      return listMessage(label, input, text);
    case "select":
      if (input.options.some((o) => o.value === text)) return null;
      return field.toSpec && acceptedByCore() ? null : selectMessage(label, input.options, text);
  }
}
