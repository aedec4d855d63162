import { InvalidArgumentError } from "../errors.js";
import { BOOTSTRAP_FORMS } from "./bootstrap.js";
import { MAX_CLASSES, MIN_CLASSES } from "./caps.js";
import { NETWORK_FIELDS, OPTIMIZER_FIELDS, SPEC_FIELDS } from "./fields.js";
import { describeRule, type SpecField } from "./rules.js";
import { ensembleSpecSchema } from "./schema.js";
import type { EnsembleSpec, EnsembleSpecInput } from "./types.js";

const FIELDS_BY_NAME: Readonly<Record<string, SpecField>> = { ...NETWORK_FIELDS, ...OPTIMIZER_FIELDS, ...SPEC_FIELDS };

/**
 * The spec field a path names, as details.field gives it ("priorScale", "optimizer.learningRate",
 * "prior.hiddenSizes[2]"); undefined for "bootstrap" and paths that name no field. Surfaces use it
 * to put their own name for the field (a CLI flag, a form label) on core's message.
 */
export function specFieldAt(path: string): SpecField | undefined {
  const name =
    path
      .replace(/\[\d+\]$/, "")
      .split(".")
      .at(-1) ?? "";
  return Object.hasOwn(FIELDS_BY_NAME, name) ? FIELDS_BY_NAME[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The keys of `value` that are set: an explicit undefined takes the default, as leaving it out does. */
function setKeys(value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function fieldName(path: readonly PropertyKey[]): string {
  if (path[0] === "bootstrap") return "bootstrap";
  return path.reduce<string>(
    (name, key) => (typeof key === "number" ? `${name}[${key}]` : name === "" ? String(key) : `${name}.${String(key)}`),
    "",
  );
}

function fail(field: string, message: string, accepted: string | undefined): never {
  throw new InvalidArgumentError(`${field} ${message}`, { field, ...(accepted ? { accepted } : {}) });
}

/**
 * Fills in the seed notebook's defaults (spec/fields.ts) and validates every field against the
 * spec schema. The prior takes the trainable net's architecture for whatever it leaves out; an
 * optimizer without a kind is Adam.
 * @throws {InvalidArgumentError} naming the first field that is wrong (details.field, a path such
 *   as "optimizer.learningRate") and what it accepts (details.accepted).
 */
export function resolveEnsembleSpec(input: EnsembleSpecInput = {}): EnsembleSpec {
  const raw: Record<string, unknown> = { ...input };
  if (raw.prior === undefined || isRecord(raw.prior)) raw.prior = { ...setKeys(raw.trainable), ...setKeys(raw.prior) };
  if (isRecord(raw.optimizer)) raw.optimizer = { kind: OPTIMIZER_FIELDS.kind.default, ...setKeys(raw.optimizer) };
  const result = ensembleSpecSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = fieldName(issue.path) || "spec";
    const rule = specFieldAt(field)?.rule;
    fail(field, issue.message, field === "bootstrap" ? BOOTSTRAP_FORMS : rule && describeRule(rule));
  }
  const spec = result.data;
  if (input.loss !== undefined && (spec.head !== "mse" || input.loss?.kind !== "mse")) {
    fail(
      "loss.kind",
      `is ${JSON.stringify(input.loss?.kind)}; the loss follows from the head, and only "mse" (with head "mse") is accepted here`,
      "mse",
    );
  }
  if (spec.head === "categorical") checkCategorical(spec);
  return spec;
}

/** The categorical head's own limits: K = outputSize classes, and no scaling of class targets. */
function checkCategorical(spec: EnsembleSpec): void {
  if (spec.outputSize < MIN_CLASSES || spec.outputSize > MAX_CLASSES) {
    fail(
      "outputSize",
      `is ${spec.outputSize}; the categorical head needs one output per class, from ${MIN_CLASSES} to ${MAX_CLASSES} classes`,
      `an integer from ${MIN_CLASSES} to ${MAX_CLASSES} with head "categorical"`,
    );
  }
  if (spec.standardize === "xy") {
    fail(
      "standardize",
      `is "xy", which head "categorical" refuses: its targets are one-hot class indicators, which have no scale`,
      `none, x with head "categorical"`,
    );
  }
}
