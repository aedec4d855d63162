import type { Command, Option } from "commander";
import type { Preset } from "./preset.js";
import { TABULAR_PRESET } from "./tabular.js";

/** Every preset `rpf train --preset` accepts. */
export const PRESETS: readonly Preset[] = [TABULAR_PRESET];

function optionNamed(command: Command, attribute: string): Option {
  const option = command.options.find((candidate) => candidate.attributeName() === attribute);
  // A preset naming an option rpf train lacks is a fault in rpf itself, caught by its tests.
  if (!option) throw new Error(`preset sets "${attribute}", which ${command.name()} has no option for`);
  return option;
}

/** A preset's settings as a user would type them: "--head gaussian --standardize xy …". */
export function presetFlags(command: Command, preset: Preset): string {
  return Object.entries(preset.flags)
    .map(([attribute, text]) => `${optionNamed(command, attribute).long} ${text}`)
    .join(" ");
}

/**
 * Gives every option the preset sets its preset value, unless the command line gave that option:
 * explicit flags override the preset. Each value goes through the option's own parser, as typing
 * it would. The options' source becomes "config", so checks that look for flags the user typed
 * (such as --resume's) do not count them.
 */
export function applyPreset(command: Command, preset: Preset): void {
  for (const [attribute, text] of Object.entries(preset.flags)) {
    if (command.getOptionValueSource(attribute) === "cli") continue;
    const option = optionNamed(command, attribute);
    const value = option.parseArg ? option.parseArg(text, undefined) : text;
    command.setOptionValueWithSource(attribute, value, "config");
  }
}

/** The preset called `name`; the option's choices have already refused any other name. */
export function presetNamed(name: string): Preset {
  const preset = PRESETS.find((candidate) => candidate.name === name);
  if (!preset) throw new Error(`no preset "${name}"`);
  return preset;
}
