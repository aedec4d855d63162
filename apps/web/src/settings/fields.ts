import {
  type EnsembleSpecInput,
  type FieldRule,
  type HeadName,
  NETWORK_FIELDS,
  OPTIMIZER_FIELDS,
  parseBootstrap,
  SPEC_FIELDS,
  type SpecField,
  type StandardizeMode,
} from "@rpf/core";

export type FieldKey =
  | "members"
  | "priorScale"
  | "hidden"
  | "activation"
  | "bootstrap"
  | "standardize"
  | "epochs"
  | "learningRate"
  | "clipNorm"
  | "head"
  | "weightDecay"
  | "seed"
  | "backend";

export type FieldValues = Record<FieldKey, string>;

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/**
 * A number control's accepted values: one definition that sets the input's min, max and step and
 * says the limits in its message, so the form and its messages cannot disagree. Spec fields take
 * it from core's spec schema (numberInput), so the form and core cannot disagree either.
 */
export interface NumberInput {
  readonly kind: "number";
  readonly min: number;
  /** Absent: no upper limit (the prior scale). */
  readonly max?: number;
  /** Whole numbers only (step 1). */
  readonly integer: boolean;
  /** The minimum itself is refused (a learning rate above 0). */
  readonly aboveMin?: boolean;
  /** What a blank field means, where blank is allowed ("no clipping"). */
  readonly blank?: string;
}

/** A comma-separated list of whole numbers (the hidden widths). */
export interface ListInput {
  readonly kind: "list";
  readonly placeholder: string;
  readonly maxItems: number;
  readonly min: number;
  readonly max: number;
}

export type FieldInput =
  | NumberInput
  | ListInput
  | { readonly kind: "select"; readonly options: readonly SelectOption[] };

export interface FieldDefinition {
  readonly key: FieldKey;
  readonly label: string;
  /** Its name in the URL's query string. */
  readonly param: string;
  readonly defaultValue: string;
  readonly hint: string;
  readonly input: FieldInput;
  /** The part of the spec this field sets (may throw core's InvalidArgumentError). */
  readonly toSpec?: (value: string) => EnsembleSpecInput;
}

/** A blank field is not zero: Number("") would say it is. */
export function parseNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** "16, 16" → [16, 16]; "" → [] (no hidden layer: a linear model). */
export function parseHiddenSizes(text: string): number[] {
  return text.trim() === "" ? [] : text.split(",").map(parseNumber);
}

export const TRAINING_BACKENDS: readonly SelectOption[] = [
  { value: "matrix", label: "matrix: WebAssembly SIMD" },
  { value: "tfjs:webgpu", label: "tfjs: WebGPU" },
  { value: "tfjs:webgl", label: "tfjs: WebGL" },
  { value: "tfjs:wasm", label: "tfjs: WebAssembly" },
  { value: "tfjs:cpu", label: "tfjs: plain JavaScript" },
];

const BOOTSTRAPS: readonly SelectOption[] = [
  { value: "resample", label: "resample (with replacement)" },
  { value: "none", label: "none (all the data)" },
  { value: "bernoulli:0.5", label: "Bernoulli, p = 0.5" },
  { value: "poisson", label: "Poisson(1) weights" },
  { value: "exponential", label: "exponential(1) weights" },
];

const STANDARDIZE_LABELS: Record<StandardizeMode, string> = {
  none: "none (as the notebook)",
  x: "x",
  xy: "x and y",
};

/** The heads in the users' words: what each member predicts (docs/heads.md). */
const HEAD_LABELS: Record<HeadName, string> = {
  mse: "squared error (mean only)",
  gaussian: "Gaussian (mean + noise)",
  categorical: "categorical (class probabilities)",
};

/**
 * A number field of core's spec schema as a control's limits: the rule's, except where the field
 * sets a playground budget (members, epochs) so training in the tab stays interactive.
 */
function numberInput(field: SpecField, blank?: string): NumberInput {
  const rule: FieldRule = field.rule;
  if (rule.kind !== "integer" && rule.kind !== "real") throw new Error(`not a number rule: ${rule.kind}`);
  const max = field.playgroundMax ?? rule.max;
  return {
    kind: "number",
    min: rule.min,
    ...(max === undefined ? {} : { max }),
    integer: rule.kind === "integer",
    ...(rule.kind === "real" && rule.minOpen ? { aboveMin: true } : {}),
    ...(blank ? { blank } : {}),
  };
}

/** A spec field's label, hint and default as the form shows them (a default list as "16,16"). */
function fromSpec(field: SpecField): Pick<FieldDefinition, "label" | "hint" | "defaultValue"> {
  const value = field.default;
  const defaultValue = value === null ? "" : Array.isArray(value) ? value.join(",") : String(value);
  return { label: field.label, hint: field.help, defaultValue };
}

const { hiddenSizes } = NETWORK_FIELDS;

/** Every control, in the order the form shows them; names, limits and defaults are core's spec schema's. */
export const FIELDS: readonly FieldDefinition[] = [
  {
    key: "members",
    ...fromSpec(SPEC_FIELDS.members),
    param: "members",
    input: numberInput(SPEC_FIELDS.members),
    toSpec: (value) => ({ members: parseNumber(value) }),
  },
  {
    key: "priorScale",
    ...fromSpec(SPEC_FIELDS.priorScale),
    param: "beta",
    input: numberInput(SPEC_FIELDS.priorScale),
    toSpec: (value) => ({ priorScale: parseNumber(value) }),
  },
  {
    key: "hidden",
    ...fromSpec(hiddenSizes),
    param: "hidden",
    input: {
      kind: "list",
      placeholder: "16,16",
      maxItems: hiddenSizes.rule.maxItems,
      min: hiddenSizes.rule.min,
      max: hiddenSizes.rule.max,
    },
    toSpec: (value) => ({ trainable: { hiddenSizes: parseHiddenSizes(value) } }),
  },
  {
    key: "activation",
    ...fromSpec(NETWORK_FIELDS.activation),
    param: "activation",
    input: {
      kind: "select",
      options: NETWORK_FIELDS.activation.rule.names.map((name) => ({ value: name, label: name })),
    },
    toSpec: (value) => ({ trainable: { activation: value as (typeof NETWORK_FIELDS.activation.rule.names)[number] } }),
  },
  {
    key: "bootstrap",
    label: "Bootstrap",
    param: "bootstrap",
    defaultValue: "resample",
    hint: "how each member reweights the data",
    input: { kind: "select", options: BOOTSTRAPS },
    toSpec: (value) => ({ bootstrap: parseBootstrap(value) }),
  },
  {
    key: "standardize",
    ...fromSpec(SPEC_FIELDS.standardize),
    param: "standardize",
    input: {
      kind: "select",
      options: SPEC_FIELDS.standardize.rule.names.map((mode) => ({ value: mode, label: STANDARDIZE_LABELS[mode] })),
    },
    toSpec: (value) => ({ standardize: value as StandardizeMode }),
  },
  {
    key: "epochs",
    ...fromSpec(SPEC_FIELDS.epochs),
    param: "epochs",
    input: numberInput(SPEC_FIELDS.epochs),
    toSpec: (value) => ({ epochs: parseNumber(value) }),
  },
  {
    key: "learningRate",
    ...fromSpec(OPTIMIZER_FIELDS.learningRate),
    param: "lr",
    input: numberInput(OPTIMIZER_FIELDS.learningRate),
    toSpec: (value) => ({ optimizer: { learningRate: parseNumber(value) } }),
  },
  {
    key: "clipNorm",
    ...fromSpec(OPTIMIZER_FIELDS.clipNorm),
    param: "clip",
    input: numberInput(OPTIMIZER_FIELDS.clipNorm, OPTIMIZER_FIELDS.clipNorm.rule.none),
    // Blank means no clipping, not a norm of NaN.
    toSpec: (value) => ({ optimizer: { clipNorm: value.trim() === "" ? null : parseNumber(value) } }),
  },
  {
    key: "head",
    ...fromSpec(SPEC_FIELDS.head),
    // The form's own words: the select's labels say what each head is.
    hint: "Gaussian: each member also predicts the noise, shown as its own band",
    param: "head",
    input: {
      kind: "select",
      // The control belongs to the 1D view, whose one target column is a value: the 2D view trains
      // the categorical head itself.
      options: SPEC_FIELDS.head.rule.names
        .filter((head) => head !== "categorical")
        .map((head) => ({ value: head, label: HEAD_LABELS[head] })),
    },
    toSpec: (value) => ({ head: value as HeadName }),
  },
  {
    key: "weightDecay",
    ...fromSpec(SPEC_FIELDS.weightDecay),
    // Blank is the form's "none", as valuesFromModel shows a model without decay.
    defaultValue: "",
    param: "wd",
    input: numberInput(SPEC_FIELDS.weightDecay, "none"),
    // Blank means no decay, not a rate of NaN.
    toSpec: (value) => ({ weightDecay: value.trim() === "" ? 0 : parseNumber(value) }),
  },
  {
    key: "seed",
    ...fromSpec(SPEC_FIELDS.seed),
    param: "seed",
    input: numberInput(SPEC_FIELDS.seed),
    toSpec: (value) => ({ seed: parseNumber(value) }),
  },
  {
    key: "backend",
    label: "Backend",
    param: "backend",
    defaultValue: "matrix",
    hint: "where the worker trains",
    input: { kind: "select", options: TRAINING_BACKENDS },
  },
];

export const DEFAULT_VALUES: FieldValues = Object.fromEntries(
  FIELDS.map((f) => [f.key, f.defaultValue]),
) as FieldValues;
