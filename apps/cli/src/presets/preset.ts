/**
 * A named set of `rpf train` settings. `flags` maps an option's attribute name (as commander
 * names it: "batchSize" for --batch-size) to its value written as a user types it, so a preset
 * is parsed and checked by the same parser as the flag itself.
 */
export interface Preset {
  readonly name: string;
  readonly flags: Readonly<Record<string, string>>;
}
