import {
  ACTIVATION_NAMES,
  type EnsembleSpecInput,
  HEAD_NAMES,
  type HeadName,
  parseBootstrap,
  STANDARDIZE_MODES,
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
 * says the limits in its message, so the form and its messages cannot disagree.
 */
export interface NumberInput {
  readonly kind: "number";
  readonly min: number;
  readonly max: number;
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
};

/** The playground's limits, tighter than core's, so the page stays interactive. */
const MAX_MEMBERS = 64;
const MAX_EPOCHS = 100_000;

/** Every control, in the order the form shows them; defaults are the seed notebook's ensemble. */
export const FIELDS: readonly FieldDefinition[] = [
  {
    key: "members",
    label: "Members",
    param: "members",
    defaultValue: "9",
    hint: "ensemble size",
    input: { kind: "number", min: 1, max: MAX_MEMBERS, integer: true },
    toSpec: (value) => ({ members: parseNumber(value) }),
  },
  {
    key: "priorScale",
    label: "Prior scale β",
    param: "beta",
    defaultValue: "3",
    hint: "g = t + β·p; 0 is a plain ensemble",
    input: { kind: "number", min: 0, max: 1000, integer: false },
    toSpec: (value) => ({ priorScale: parseNumber(value) }),
  },
  {
    key: "hidden",
    label: "Hidden widths",
    param: "hidden",
    defaultValue: "16,16",
    hint: "comma-separated, e.g. 16,16",
    input: { kind: "list", placeholder: "16,16", maxItems: 4, min: 1, max: 256 },
    toSpec: (value) => ({ trainable: { hiddenSizes: parseHiddenSizes(value) } }),
  },
  {
    key: "activation",
    label: "Activation",
    param: "activation",
    defaultValue: "elu",
    hint: "for the trainable and the prior net",
    input: { kind: "select", options: ACTIVATION_NAMES.map((name) => ({ value: name, label: name })) },
    toSpec: (value) => ({ trainable: { activation: value as (typeof ACTIVATION_NAMES)[number] } }),
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
    label: "Standardize",
    param: "standardize",
    defaultValue: "none",
    hint: "scale inputs (and targets) to unit variance",
    input: {
      kind: "select",
      options: STANDARDIZE_MODES.map((mode) => ({ value: mode, label: STANDARDIZE_LABELS[mode] })),
    },
    toSpec: (value) => ({ standardize: value as StandardizeMode }),
  },
  {
    key: "epochs",
    label: "Epochs",
    param: "epochs",
    defaultValue: "3000",
    hint: "full-batch Adam steps",
    input: { kind: "number", min: 1, max: MAX_EPOCHS, integer: true },
    toSpec: (value) => ({ epochs: parseNumber(value) }),
  },
  {
    key: "learningRate",
    label: "Learning rate",
    param: "lr",
    defaultValue: "0.03",
    hint: "Adam step size",
    input: { kind: "number", min: 0, max: 1, integer: false, aboveMin: true },
    toSpec: (value) => ({ optimizer: { learningRate: parseNumber(value) } }),
  },
  {
    key: "clipNorm",
    label: "Gradient clip",
    param: "clip",
    defaultValue: "",
    hint: "clip each member's gradient to this L2 norm (blank: none)",
    input: { kind: "number", min: 0, max: 1e6, integer: false, aboveMin: true, blank: "no clipping" },
    // Blank means no clipping, not a norm of NaN.
    toSpec: (value) => ({ optimizer: { clipNorm: value.trim() === "" ? null : parseNumber(value) } }),
  },
  {
    key: "head",
    label: "Output head",
    param: "head",
    defaultValue: "mse",
    hint: "Gaussian: each member also predicts the noise, shown as its own band (matrix only for now)",
    input: { kind: "select", options: HEAD_NAMES.map((head) => ({ value: head, label: HEAD_LABELS[head] })) },
    toSpec: (value) => ({ head: value as HeadName }),
  },
  {
    key: "weightDecay",
    label: "Weight decay",
    param: "wd",
    defaultValue: "",
    hint: "decoupled, per step, on the trainable net (blank or 0: none)",
    input: { kind: "number", min: 0, max: 1, integer: false, blank: "none" },
    // Blank means no decay, not a rate of NaN.
    toSpec: (value) => ({ weightDecay: value.trim() === "" ? 0 : parseNumber(value) }),
  },
  {
    key: "seed",
    label: "Seed",
    param: "seed",
    defaultValue: "0",
    hint: "initial weights and bootstrap draws",
    input: { kind: "number", min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
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
