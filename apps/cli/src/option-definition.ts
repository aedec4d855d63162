import { type Help, Option } from "commander";

export interface OptionSettings<T> {
  /** Turns the typed text into the value; also parses `default`. */
  readonly parse?: (value: string) => T;
  readonly choices?: readonly string[];
  /** The default as a user would type it ("full", "16,16"): help shows this text, and the value is what parsing it gives. */
  readonly default?: string;
  /** For an option without a default value: what leaving it out means ("as --hidden"), shown as its default. */
  readonly unset?: string;
}

/**
 * A command-line option whose default is written as a user types it and parsed by the option's own
 * parser, so `--help` never shows a value a user could not type (`null`, `[16,16]`) and the
 * default behaves exactly as typing it would.
 */
export function defineOption<T = string>(flags: string, description: string, settings: OptionSettings<T> = {}): Option {
  const option = new Option(flags, description);
  if (settings.choices) option.choices(settings.choices);
  if (settings.parse) option.argParser(settings.parse);
  if (settings.default !== undefined) {
    const value = option.parseArg ? option.parseArg(settings.default, undefined) : settings.default;
    option.default(value, settings.default);
  } else if (settings.unset !== undefined) {
    option.defaultValueDescription = settings.unset;
  }
  return option;
}

/**
 * Help's text for an option or a command argument: its description, then its choices and default
 * as a user types them (commander would quote strings and print other defaults as JSON).
 */
export function describeOption(option: Pick<Option, "description" | "argChoices" | "defaultValueDescription">): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`one of: ${option.argChoices.join(", ")}`);
  if (option.defaultValueDescription !== undefined) extra.push(`default: ${option.defaultValueDescription}`);
  return extra.length > 0 ? `${option.description} (${extra.join("; ")})` : option.description;
}

/** Help settings shared by every command. */
export const HELP_SETTINGS: Partial<Help> = { optionDescription: describeOption, argumentDescription: describeOption };
