import { z } from "zod";
import { describeValue } from "../describe-value.js";
import { FLOAT32_RANGE, isFiniteFloat32 } from "../float32/finite-float32.js";

/**
 * What one spec field accepts, as data: the zod schema, the messages, the CLI's parser and the web
 * form's control are all built from it, so no surface can state another limit.
 */
export type FieldRule =
  | {
      readonly kind: "integer";
      readonly min: number;
      readonly max: number;
      /** Null is accepted and means this (batchSize: "the full batch"). */
      readonly none?: string;
    }
  | {
      /** A real number, judged also by its float32 rounding: backends and ONNX hold it as float32. */
      readonly kind: "real";
      readonly min: number;
      /** True: the minimum itself is refused (a learning rate > 0). */
      readonly minOpen?: boolean;
      readonly max?: number;
      readonly maxOpen?: boolean;
      /** Null is accepted and means this (clipNorm: "no clipping"). */
      readonly none?: string;
    }
  | { readonly kind: "choice"; readonly names: readonly string[] }
  | { readonly kind: "widths"; readonly maxItems: number; readonly min: number; readonly max: number };

/**
 * A spec field: its rule, its default (the seed notebook's value) and its names on each surface.
 * `label` is the web form's ("Prior scale β"), `cli` the CLI's flag and argument ("--beta", "β"),
 * `help` the sentence both show beside it.
 */
export interface SpecField<R extends FieldRule = FieldRule> {
  readonly rule: R;
  readonly default: RuleValue<R>;
  readonly label: string;
  readonly help: string;
  readonly cli?: { readonly flag: string; readonly arg: string };
  /**
   * The web playground's budget, below the rule's limit, so training in a browser tab stays
   * interactive; not a validity limit (core, files and the CLI take up to the rule's maximum).
   */
  readonly playgroundMax?: number;
}

/** A real rule's range in words: "> 0", ">= 0", "in [0, 1)". */
export function describeRange(rule: Extract<FieldRule, { kind: "real" }>): string {
  if (rule.max === undefined) return `${rule.minOpen ? ">" : ">="} ${rule.min}`;
  return `in ${rule.minOpen ? "(" : "["}${rule.min}, ${rule.max}${rule.maxOpen ? ")" : "]"}`;
}

/**
 * What a rule accepts, in the words an error message uses after "must be": "an integer from 1 to
 * 1024", "a finite number > 0 (or null: no clipping)". Choices are listed by name.
 */
export function describeRule(rule: FieldRule): string {
  const none = "none" in rule && rule.none ? ` (or null: ${rule.none})` : "";
  switch (rule.kind) {
    case "integer":
      return `an integer from ${rule.min} to ${rule.max}${none}`;
    case "real":
      return `a finite number ${describeRange(rule)}${none}`;
    case "choice":
      return rule.names.join(", ");
    case "widths":
      return `a list of at most ${rule.maxItems} layer widths, each an integer from ${rule.min} to ${rule.max}`;
  }
}

/** Whether `value` is in a number rule's range (float32 rounding aside). */
export function inRange(rule: Extract<FieldRule, { kind: "integer" | "real" }>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (rule.kind === "integer") return Number.isInteger(value) && value >= rule.min && value <= rule.max;
  const aboveMin = rule.minOpen ? value > rule.min : value >= rule.min;
  const belowMax = rule.max === undefined || (rule.maxOpen ? value < rule.max : value <= rule.max);
  return aboveMin && belowMax;
}

type Issue = { readonly input?: unknown };
const got = (issue: Issue) => `, got ${describeValue(issue.input)}`;

function integerSchema(rule: { readonly min: number; readonly max: number }) {
  const error = (issue: Issue) => `must be an integer from ${rule.min} to ${rule.max}${got(issue)}`;
  return z.number({ error }).int({ error }).min(rule.min, { error }).max(rule.max, { error });
}

function realSchema(rule: Extract<FieldRule, { kind: "real" }>) {
  const error = (issue: Issue) => `must be ${describeRule(rule)}${got(issue)}`;
  let schema = z.number({ error });
  schema = rule.minOpen ? schema.gt(rule.min, { error }) : schema.gte(rule.min, { error });
  if (rule.max !== undefined) schema = rule.maxOpen ? schema.lt(rule.max, { error }) : schema.lte(rule.max, { error });
  return schema.refine(isFiniteFloat32, {
    error: (issue) => `must be within the float32 range (${FLOAT32_RANGE})${got(issue)}`,
  });
}

/** The value a rule accepts: a choice's names, a list of widths, a number (or null where `none` says). */
export type RuleValue<R extends FieldRule> = R extends { kind: "choice"; names: readonly (infer N)[] }
  ? N
  : R extends { kind: "widths" }
    ? readonly number[]
    : R extends { none: string }
      ? number | null
      : number;

/**
 * The zod schema of a rule, without default. Every issue's message is the text after the field's
 * name ("must be an integer from 1 to 1024, got 0"), so each surface can put its own name first.
 */
export function ruleSchema<R extends FieldRule>(rule: R): z.ZodType<RuleValue<R>> {
  return untypedRuleSchema(rule) as unknown as z.ZodType<RuleValue<R>>;
}

function untypedRuleSchema(rule: FieldRule): z.ZodType {
  switch (rule.kind) {
    case "integer":
      return rule.none ? integerSchema(rule).nullable() : integerSchema(rule);
    case "real":
      return rule.none ? realSchema(rule).nullable() : realSchema(rule);
    case "choice": {
      const error = (issue: Issue) => `is ${JSON.stringify(issue.input)}; accepted: ${rule.names.join(", ")}`;
      return z.enum(rule.names as [string, ...string[]], { error });
    }
    case "widths": {
      const error = (issue: Issue) => `must be a list of at most ${rule.maxItems} layer widths${got(issue)}`;
      return z.array(integerSchema(rule), { error }).max(rule.maxItems, { error });
    }
  }
}

/** A field's schema with its default filled in when absent, described for the JSON Schema. */
export function fieldSchema<R extends FieldRule>(field: SpecField<R>): z.ZodDefault<z.ZodType<RuleValue<R>>> {
  const schema: z.ZodType<RuleValue<R>> = ruleSchema(field.rule);
  // A fresh copy each time: a default list must not be shared between specs.
  const fresh = () => structuredClone(field.default) as z.util.NoUndefined<RuleValue<R>>;
  return schema.default(fresh).meta({ title: field.label, description: field.help });
}
