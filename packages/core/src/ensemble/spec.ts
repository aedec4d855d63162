import { describeValue } from "../describe-value.js";
import { InvalidArgumentError } from "../errors.js";
import { FLOAT32_RANGE, isFiniteFloat32 } from "../float32/finite-float32.js";
import { ACTIVATION_NAMES, type ActivationName, isActivationName } from "../nn/activations.js";
import { assertInitializerName, type InitializerName } from "../nn/initializers.js";
import { MAX_HIDDEN_LAYERS, MAX_LAYER_WIDTH, type MlpSpec, validateMlpSpec } from "../nn/mlp.js";
import { keyFromSeed } from "../random/key.js";
import { type BootstrapSpec, validateBootstrap } from "./bootstrap-spec.js";

/** One network's architecture: hidden layer widths, activation and kernel initializer (biases start at zero). */
export interface NetworkSpec {
  readonly hiddenSizes: readonly number[];
  readonly activation: ActivationName;
  readonly kernelInit: InitializerName;
}

/** Adam exactly as optax defines it (eps added to sqrt of the bias-corrected second moment). */
export interface AdamSpec {
  readonly kind: "adam";
  readonly learningRate: number;
  readonly b1: number;
  readonly b2: number;
  readonly eps: number;
  /** See SgdSpec.clipNorm. */
  readonly clipNorm: number | null;
}

/** Plain SGD, with optional heavy-ball momentum as optax.sgd. */
export interface SgdSpec {
  readonly kind: "sgd";
  readonly learningRate: number;
  readonly momentum: number;
  /**
   * Clip each member's gradient to this global L2 norm before the optimiser sees it, as
   * optax.clip_by_global_norm chained in front of the optimiser; null: no clipping.
   */
  readonly clipNorm: number | null;
}

/** The optimiser every member trains with, as optax defines it: Adam or SGD. */
export type OptimizerSpec = AdamSpec | SgdSpec;

/**
 * What each member outputs and the loss it trains with (docs/heads.md). "mse": one value per
 * output, squared error. "gaussian": a mean and a variance per output (variance = softplus(raw) +
 * varianceFloor), Gaussian negative log-likelihood, as the deep ensembles of Lakshminarayanan et
 * al. (2017) train.
 */
export type HeadName = "mse" | "gaussian";
/** Every head name, in the order help text lists them. */
export const HEAD_NAMES: readonly HeadName[] = ["mse", "gaussian"];

/** The Gaussian head's variance floor unless the spec says otherwise, in standardised y units². */
export const DEFAULT_VARIANCE_FLOOR = 1e-6;

/** Which sides of the data are standardised before training (stored with the model). */
export type StandardizeMode = "none" | "x" | "xy";
/** Every standardisation mode, in the order help text lists them. */
export const STANDARDIZE_MODES: readonly StandardizeMode[] = ["none", "x", "xy"];

/** Everything that determines an ensemble and its training, given the data. */
export interface EnsembleSpec {
  readonly members: number;
  readonly inputSize: number;
  readonly outputSize: number;
  readonly trainable: NetworkSpec;
  /** The frozen prior; it may have its own architecture. */
  readonly prior: NetworkSpec;
  /** β in g = t + β·p (Osband et al. 2018, the prior scale). Zero gives a plain ensemble. */
  readonly priorScale: number;
  readonly bootstrap: BootstrapSpec;
  readonly optimizer: OptimizerSpec;
  /** The output head, which also fixes the loss; "mse" for files written before heads existed. */
  readonly head: HeadName;
  /**
   * Added to softplus(raw) to give the Gaussian head's variance, in the model's (standardised)
   * y units²; > 0 so the NLL stays finite. Validated and stored for every head, used by "gaussian".
   */
  readonly varianceFloor: number;
  /**
   * Decoupled weight decay λ, as optax.add_decayed_weights placed before the learning rate
   * (optax.adamw for Adam): the update gains λ·θ for every trainable parameter, never the
   * prior's. 0 (the default) leaves training exactly as without it. See docs/heads.md.
   */
  readonly weightDecay: number;
  /** Full passes over the data; with the full batch, one epoch is one optimiser step. */
  readonly epochs: number;
  /** Examples per step, or null for the full batch. */
  readonly batchSize: number | null;
  readonly standardize: StandardizeMode;
  readonly seed: number;
}

type Writable<T> = { -readonly [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/** A partial spec: anything left out takes the seed notebook's value. */
export type EnsembleSpecInput = Omit<Writable<EnsembleSpec>, "optimizer" | "prior"> & {
  optimizer?: Partial<AdamSpec> | Partial<SgdSpec>;
  /** Defaults to the trainable network's architecture. */
  prior?: Partial<NetworkSpec>;
  /**
   * Model files written before heads existed store `loss: { kind: "mse" }`; it is accepted with
   * the "mse" head (the loss it names) and refused with any other.
   */
  loss?: { kind?: unknown };
};

/** The most members a spec accepts. */
export const MAX_MEMBERS = 1024;
/** The most epochs a spec accepts. */
export const MAX_EPOCHS = 10_000_000;

/** The seed notebook's network: two hidden layers of 16 units, ELU, Glorot-normal kernels. */
export const NOTEBOOK_NETWORK: NetworkSpec = {
  hiddenSizes: [16, 16],
  activation: "elu",
  kernelInit: "glorot_normal",
};

/** Adam's constants as optax.adam defaults them: b1 0.9, b2 0.999, eps 1e-8. */
export const ADAM_DEFAULTS: Omit<AdamSpec, "learningRate" | "clipNorm"> = {
  kind: "adam",
  b1: 0.9,
  b2: 0.999,
  eps: 1e-8,
};

function fail(field: string, message: string, accepted?: string): never {
  throw new InvalidArgumentError(`${field} ${message}`, { field, ...(accepted ? { accepted } : {}) });
}

function integerIn(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be an integer from ${min} to ${max}, got ${describeValue(value)}`);
  }
  return value;
}

function finiteIn(value: unknown, field: string, test: (v: number) => boolean, range: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || !test(value)) {
    fail(field, `must be a finite number ${range}, got ${describeValue(value)}`);
  }
  // float32 backends (and the ONNX graph) hold these as float32: judged by the rounded value.
  if (!isFiniteFloat32(value)) {
    fail(field, `must be within the float32 range (${FLOAT32_RANGE}), got ${describeValue(value)}`);
  }
  return value;
}

function resolveNetwork(input: Partial<NetworkSpec> | undefined, base: NetworkSpec, field: string): NetworkSpec {
  const hiddenSizes = input?.hiddenSizes ?? base.hiddenSizes;
  if (!Array.isArray(hiddenSizes) || hiddenSizes.length > MAX_HIDDEN_LAYERS) {
    fail(`${field}.hiddenSizes`, `must be a list of at most ${MAX_HIDDEN_LAYERS} layer widths`);
  }
  for (const [i, w] of hiddenSizes.entries()) integerIn(w, `${field}.hiddenSizes[${i}]`, 1, MAX_LAYER_WIDTH);
  const activation = input?.activation ?? base.activation;
  if (!isActivationName(activation)) {
    fail(
      `${field}.activation`,
      `is ${JSON.stringify(activation)}; accepted: ${ACTIVATION_NAMES.join(", ")}`,
      ACTIVATION_NAMES.join(", "),
    );
  }
  const kernelInit = assertInitializerName(input?.kernelInit ?? base.kernelInit, `${field}.kernelInit`);
  return { hiddenSizes: [...hiddenSizes], activation, kernelInit };
}

function resolveOptimizer(input: EnsembleSpecInput["optimizer"]): OptimizerSpec {
  const kind = input?.kind ?? "adam";
  const learningRate = finiteIn(input?.learningRate ?? 0.03, "optimizer.learningRate", (v) => v > 0, "> 0");
  const clip = input?.clipNorm ?? null;
  const clipNorm =
    clip === null ? null : finiteIn(clip, "optimizer.clipNorm", (v) => v > 0, "> 0 (or null: no clipping)");
  if (kind === "adam") {
    const adam = input as Partial<AdamSpec> | undefined;
    return {
      kind,
      learningRate,
      b1: finiteIn(adam?.b1 ?? ADAM_DEFAULTS.b1, "optimizer.b1", (v) => v >= 0 && v < 1, "in [0, 1)"),
      b2: finiteIn(adam?.b2 ?? ADAM_DEFAULTS.b2, "optimizer.b2", (v) => v >= 0 && v < 1, "in [0, 1)"),
      eps: finiteIn(adam?.eps ?? ADAM_DEFAULTS.eps, "optimizer.eps", (v) => v >= 0, ">= 0"),
      clipNorm,
    };
  }
  if (kind === "sgd") {
    const sgd = input as Partial<SgdSpec> | undefined;
    const momentum = finiteIn(sgd?.momentum ?? 0, "optimizer.momentum", (v) => v >= 0 && v < 1, "in [0, 1)");
    return { kind, learningRate, momentum, clipNorm };
  }
  return fail("optimizer.kind", `is ${JSON.stringify(kind)}; accepted: adam, sgd`, "adam, sgd");
}

/**
 * Fills in the notebook's defaults and validates every field; throws InvalidArgumentError.
 * @throws {InvalidArgumentError} naming the first field outside what is accepted and what would be.
 */
export function resolveEnsembleSpec(input: EnsembleSpecInput = {}): EnsembleSpec {
  const trainable = resolveNetwork(input.trainable, NOTEBOOK_NETWORK, "trainable");
  const prior = resolveNetwork(input.prior, trainable, "prior");
  const batchSize = input.batchSize ?? null;
  if (batchSize !== null) integerIn(batchSize, "batchSize", 1, 2 ** 31 - 1);
  const standardize = input.standardize ?? "none";
  if (!STANDARDIZE_MODES.includes(standardize)) {
    fail("standardize", `is ${JSON.stringify(standardize)}; accepted: ${STANDARDIZE_MODES.join(", ")}`);
  }
  const head = input.head ?? "mse";
  if (!HEAD_NAMES.includes(head)) {
    fail("head", `is ${JSON.stringify(head)}; accepted: ${HEAD_NAMES.join(", ")}`, HEAD_NAMES.join(", "));
  }
  if (input.loss !== undefined && (head !== "mse" || input.loss?.kind !== "mse")) {
    fail(
      "loss.kind",
      `is ${JSON.stringify(input.loss?.kind)}; the loss follows from the head, and only "mse" (with head "mse") is accepted here`,
      "mse",
    );
  }
  const seed = input.seed ?? 0;
  keyFromSeed(seed);
  return {
    members: integerIn(input.members ?? 9, "members", 1, MAX_MEMBERS),
    inputSize: integerIn(input.inputSize ?? 1, "inputSize", 1, MAX_LAYER_WIDTH),
    outputSize: integerIn(input.outputSize ?? 1, "outputSize", 1, MAX_LAYER_WIDTH),
    trainable,
    prior,
    priorScale: finiteIn(input.priorScale ?? 3, "priorScale", (v) => v >= 0, ">= 0"),
    bootstrap: validateBootstrap((input.bootstrap as BootstrapSpec | undefined) ?? { kind: "resample" }),
    optimizer: resolveOptimizer(input.optimizer),
    head,
    varianceFloor: finiteIn(input.varianceFloor ?? DEFAULT_VARIANCE_FLOOR, "varianceFloor", (v) => v > 0, "> 0"),
    weightDecay: finiteIn(input.weightDecay ?? 0, "weightDecay", (v) => v >= 0, ">= 0"),
    epochs: integerIn(input.epochs ?? 3000, "epochs", 0, MAX_EPOCHS),
    batchSize,
    standardize,
    seed,
  };
}

/**
 * Outputs of each network (trainable and prior alike): outputSize for "mse"; 2·outputSize for
 * "gaussian", laid out per row as [means (outputSize), raw variances (outputSize)].
 */
export function headWidth(spec: Pick<EnsembleSpec, "head" | "outputSize">): number {
  return spec.head === "gaussian" ? 2 * spec.outputSize : spec.outputSize;
}

function toMlp(spec: EnsembleSpec, network: NetworkSpec): MlpSpec {
  return validateMlpSpec({
    inputSize: spec.inputSize,
    hiddenSizes: network.hiddenSizes,
    outputSize: headWidth(spec),
    activation: network.activation,
    kernelInit: network.kernelInit,
    biasInit: "zeros",
  });
}

/**
 * The trainable network of every member as an MlpSpec (inputSize → hidden → headWidth(spec)).
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation or initializer are invalid.
 */
export function trainableMlp(spec: EnsembleSpec): MlpSpec {
  return toMlp(spec, spec.trainable);
}

/**
 * The frozen prior network of every member as an MlpSpec (inputSize → prior hidden → headWidth(spec)).
 * @throws {InvalidArgumentError} when the spec's layer sizes, activation or initializer are invalid.
 */
export function priorMlp(spec: EnsembleSpec): MlpSpec {
  return toMlp(spec, spec.prior);
}
