import {
  describeRange,
  type FieldRule,
  InvalidArgumentError,
  inRange,
  NETWORK_FIELDS,
  PRIOR_CLI_FLAGS,
  SPEC_FIELDS,
  type SpecField,
  specFieldAt,
} from "@rpf/core";
import type { Option } from "commander";
import { defineOption, type OptionSettings } from "./option-definition.js";
import { batchSize, finiteNumber, integerFrom, widthList } from "./option-parsers.js";

/** A number as a user would type it: integers plainly, fractions the shorter way ("1e-6", "0.03"). */
function typed(value: number): string {
  const plain = String(value);
  if (Number.isInteger(value)) return plain;
  const exponent = value.toExponential().replace("e+", "e");
  return exponent.length < plain.length ? exponent : plain;
}

/** The parser of a rule: the same limits core's schema holds, in the CLI's words. */
function parserOf(rule: FieldRule): Pick<OptionSettings<unknown>, "parse" | "choices"> {
  switch (rule.kind) {
    case "integer":
      return { parse: rule.none ? batchSize(rule) : integerFrom(rule.min, rule.max) };
    case "real":
      return { parse: finiteNumber((v) => inRange(rule, v), describeRange(rule)) };
    case "choice":
      return { choices: rule.names };
    case "widths":
      return { parse: widthList(rule) };
  }
}

/** The default as typed: a null default is left out and shown as what it means ("no clipping"). */
function defaultOf(field: SpecField): Pick<OptionSettings<unknown>, "default" | "unset"> {
  const value = field.default;
  if (Array.isArray(value)) return { default: value.length === 0 ? "none" : value.join(",") };
  if (typeof value === "number") return { default: typed(value) };
  if (typeof value === "string") return { default: value };
  // batchSize's null is typed as "full"; other nulls mean no value at all.
  if (field.rule.kind === "integer" && field.rule.none) return { default: "full" };
  return { unset: "none" in field.rule && field.rule.none ? field.rule.none : "none" };
}

/**
 * The `rpf train` option of a spec field: flag, help, parser and default all from core's spec
 * schema (spec/fields.ts), so the CLI accepts exactly what the spec does. With `autoGrid` the flag
 * also takes "auto": the value is chosen by validation score from that grid option.
 */
export function specOption(field: SpecField, autoGrid?: string): Option {
  const cli = field.cli;
  if (!cli) throw new Error(`spec field "${field.label}" has no CLI flag`);
  const settings = { ...parserOf(field.rule), ...defaultOf(field) };
  if (!autoGrid) return defineOption(`${cli.flag} <${cli.arg}>`, field.help, settings);
  const parse = settings.parse;
  return defineOption(
    `${cli.flag} <${cli.arg}|auto>`,
    `${field.help}; auto: chosen by validation score from ${autoGrid}`,
    {
      ...settings,
      ...(parse ? { parse: (value: string) => (value.trim() === "auto" ? "auto" : parse(value)) } : {}),
    },
  );
}

/** The prior's own options: the trainable net's rules, and no default (the prior follows the trainable net). */
export function priorOption(name: keyof typeof PRIOR_CLI_FLAGS): Option {
  const { flag, arg, help, unset } = PRIOR_CLI_FLAGS[name];
  return defineOption(`${flag} <${arg}>`, help, { ...parserOf(NETWORK_FIELDS[name].rule), unset });
}

/** Commander's key for a flag's value: "--variance-floor" → "varianceFloor". */
export function optionKey(flag: string): string {
  return flag.replace(/^--/, "").replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * The spec's top-level fields that have a flag (members, β, head, epochs, seed, …), in the field
 * table's order: a field added to SPEC_FIELDS with a `cli` entry is an option of `rpf train`
 * with no change here.
 */
export const TOP_LEVEL_SPEC_FIELDS = Object.entries(SPEC_FIELDS).flatMap(([name, field]: [string, SpecField]) =>
  field.cli ? [{ name, field, key: optionKey(field.cli.flag) }] : [],
);

/** The top-level spec fields as the parsed options give them ("full" for a batch size is null). */
export function topLevelSpec(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    TOP_LEVEL_SPEC_FIELDS.map(({ name, key }) => [name, options[key] === "full" ? null : options[key]]),
  );
}

/**
 * Core's InvalidArgumentError about a spec field, renamed to the flag a user typed: "members must
 * be …" becomes "--members must be …". Other errors pass through unchanged.
 */
export function withFlagNames(error: unknown): unknown {
  if (!(error instanceof InvalidArgumentError) || !error.details.field) return error;
  const field = error.details.field;
  const prior = field.startsWith("prior.") ? field.slice("prior.".length).replace(/\[\d+\]$/, "") : "";
  const flag = Object.hasOwn(PRIOR_CLI_FLAGS, prior)
    ? PRIOR_CLI_FLAGS[prior as keyof typeof PRIOR_CLI_FLAGS].flag
    : specFieldAt(field)?.cli?.flag;
  if (!flag || !error.message.startsWith(field)) return error;
  return new InvalidArgumentError(`${flag}${error.message.slice(field.length)}`, { ...error.details, field: flag });
}
