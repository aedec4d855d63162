import { InvalidArgumentError } from "../errors.js";

/** Names that occur more than once in `names`, each listed once, in order of first repeat. */
export function repeatedNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  return [...repeated];
}

/**
 * Refuses a list of column names that repeats one: an input fed twice, or matched by name to two
 * places, is always a mistake.
 *
 * @param label - what the list is, as messages name it (e.g. "--x-cols").
 * @throws {InvalidArgumentError} naming the repeated columns.
 */
export function assertDistinctNames(names: readonly string[], label: string): void {
  const repeated = repeatedNames(names);
  if (repeated.length > 0) {
    throw new InvalidArgumentError(
      `${label} repeats ${repeated.map((n) => `"${n}"`).join(", ")}; name each column once`,
      {
        field: label,
        accepted: "each column once",
      },
    );
  }
}

/** How `matchInputColumns` names and treats the columns it is given. */
export interface ColumnMatchOptions {
  /** What `given` is, as messages name it: "--x-cols", "grid.csv's header". */
  readonly label: string;
  /** Whether `given` may hold columns the model does not use (a CSV header may; a list of inputs may not). */
  readonly allowExtra: boolean;
}

/**
 * Matches inputs to a model by column name. Returns, for each of the model's input columns in the
 * model's order, its position in `given`; so inputs laid out in any order reach the network in the
 * order it was trained on, never by position.
 *
 * @param modelColumns - the model's recorded input columns, in training order.
 * @param given - the names the inputs come with.
 * @throws {InvalidArgumentError} when `given` repeats a name, lacks one of the model's columns or
 *   (without `allowExtra`) names one the model lacks; the message lists both sets.
 */
export function matchInputColumns(
  modelColumns: readonly string[],
  given: readonly string[],
  options: ColumnMatchOptions,
): number[] {
  const repeated = repeatedNames(given);
  const missing = modelColumns.filter((name) => !given.includes(name));
  const unknown = options.allowExtra ? [] : given.filter((name) => !modelColumns.includes(name));
  if (repeated.length + missing.length + unknown.length > 0) {
    const problems = [
      missing.length > 0 ? `missing ${missing.join(", ")}` : "",
      unknown.length > 0 ? `not in the model: ${unknown.join(", ")}` : "",
      repeated.length > 0 ? `repeated: ${repeated.join(", ")}` : "",
    ].filter((p) => p !== "");
    throw new InvalidArgumentError(
      `${options.label} gives columns ${given.join(", ")}; the model's input columns are ${modelColumns.join(", ")} (${problems.join("; ")}); inputs are matched to the model by name`,
      { field: options.label, accepted: `${options.allowExtra ? "columns including " : ""}${modelColumns.join(", ")}` },
    );
  }
  return modelColumns.map((name) => given.indexOf(name));
}
