import { MAX_BATCH_SIZE, MAX_EPOCHS, MAX_HIDDEN_LAYERS, MAX_LAYER_WIDTH, MAX_MEMBERS, MAX_SEED } from "./caps.js";
import {
  ACTIVATION_NAMES,
  HEAD_NAMES,
  INITIALIZER_NAMES,
  INPUT_TRANSFORM_NAMES,
  OPTIMIZER_KINDS,
  STANDARDIZE_MODES,
} from "./names.js";
import type { FieldRule, SpecField } from "./rules.js";

/** Keeps each field's rule literal, so its schema's type is the rule's (a choice's names, not string). */
function field<const R extends FieldRule>(spec: SpecField<R>): SpecField<R> {
  return spec;
}

/**
 * Every field of one network (the trainable net and the prior alike), with the seed notebook's
 * values as defaults. The prior takes the trainable net's values unless the spec gives its own.
 */
export const NETWORK_FIELDS = {
  hiddenSizes: field({
    rule: { kind: "widths", maxItems: MAX_HIDDEN_LAYERS, min: 1, max: MAX_LAYER_WIDTH },
    default: [16, 16],
    label: "Hidden widths",
    help: 'hidden layer widths, comma-separated, or "none" (a linear model)',
    cli: { flag: "--hidden", arg: "widths" },
  }),
  activation: field({
    rule: { kind: "choice", names: ACTIVATION_NAMES },
    default: "elu",
    label: "Activation",
    help: "activation of the hidden layers",
    cli: { flag: "--activation", arg: "name" },
  }),
  kernelInit: field({
    rule: { kind: "choice", names: INITIALIZER_NAMES },
    default: "glorot_normal",
    label: "Kernel initialiser",
    help: "kernel initialiser of both nets",
    cli: { flag: "--init", arg: "name" },
  }),
} as const;

/** The prior net's own CLI flags; its rules and defaults are NETWORK_FIELDS'. */
export const PRIOR_CLI_FLAGS = {
  hiddenSizes: { flag: "--prior-hidden", arg: "widths", help: "hidden widths of the prior net", unset: "as --hidden" },
  activation: {
    flag: "--prior-activation",
    arg: "name",
    help: "activation of the prior net",
    unset: "as --activation",
  },
} as const;

/** Optimiser fields; b1, b2 and eps are Adam's (optax's defaults), momentum is SGD's. */
export const OPTIMIZER_FIELDS = {
  kind: field({
    rule: { kind: "choice", names: OPTIMIZER_KINDS },
    default: "adam",
    label: "Optimiser",
    help: "optimiser",
    cli: { flag: "--optimizer", arg: "name" },
  }),
  learningRate: field({
    rule: { kind: "real", min: 0, minOpen: true },
    default: 0.03,
    label: "Learning rate",
    help: "learning rate: the optimiser's step size",
    cli: { flag: "--lr", arg: "rate" },
  }),
  b1: field({
    rule: { kind: "real", min: 0, max: 1, maxOpen: true },
    default: 0.9,
    label: "Adam β1",
    help: "Adam's first-moment decay",
  }),
  b2: field({
    rule: { kind: "real", min: 0, max: 1, maxOpen: true },
    default: 0.999,
    label: "Adam β2",
    help: "Adam's second-moment decay",
  }),
  eps: field({ rule: { kind: "real", min: 0 }, default: 1e-8, label: "Adam ε", help: "added to Adam's denominator" }),
  momentum: field({
    rule: { kind: "real", min: 0, max: 1, maxOpen: true },
    default: 0,
    label: "Momentum",
    help: "SGD's heavy-ball momentum",
    cli: { flag: "--momentum", arg: "μ" },
  }),
  clipNorm: field({
    rule: { kind: "real", min: 0, minOpen: true, none: "no clipping" },
    default: null,
    label: "Gradient clip",
    help: "clip each member's gradient to this global L2 norm before the optimiser, as optax.clip_by_global_norm",
    cli: { flag: "--clip-norm", arg: "max" },
  }),
} as const;

/** The spec's top-level scalar fields, in the order a resolved spec lists them. */
export const SPEC_FIELDS = {
  members: field({
    rule: { kind: "integer", min: 1, max: MAX_MEMBERS },
    default: 9,
    playgroundMax: 64,
    label: "Members",
    help: "ensemble members",
    cli: { flag: "--members", arg: "n" },
  }),
  inputSize: field({
    rule: { kind: "integer", min: 1, max: MAX_LAYER_WIDTH },
    default: 1,
    label: "Inputs",
    help: "input columns",
  }),
  outputSize: field({
    rule: { kind: "integer", min: 1, max: MAX_LAYER_WIDTH },
    default: 1,
    label: "Outputs",
    help: "target columns",
  }),
  // β in g = t + β·p (Osband et al. 2018, the prior scale).
  priorScale: field({
    rule: { kind: "real", min: 0 },
    default: 3,
    label: "Prior scale β",
    help: "prior scale β in g = t + β·p; 0 is a plain ensemble",
    cli: { flag: "--beta", arg: "β" },
  }),
  head: field({
    rule: { kind: "choice", names: HEAD_NAMES },
    default: "mse",
    label: "Output head",
    help: "what each member outputs: mse (a value), gaussian (a mean and a variance) or categorical (K class logits)",
    cli: { flag: "--head", arg: "name" },
  }),
  varianceFloor: field({
    rule: { kind: "real", min: 0, minOpen: true },
    default: 1e-6,
    label: "Variance floor",
    help: "gaussian head: added to every member's variance, in the (standardised) target's units²",
    cli: { flag: "--variance-floor", arg: "v" },
  }),
  // Seitzer et al. 2022, "On the pitfalls of heteroscedastic uncertainty estimation" (β-NLL).
  varianceWeighting: field({
    rule: { kind: "real", min: 0, max: 1 },
    default: 0,
    label: "β-NLL exponent",
    help: "gaussian head: each example's NLL gradient is scaled by its variance to this power (β-NLL); 0: the plain NLL, 1: the mean learns as with squared error",
    cli: { flag: "--beta-nll", arg: "b" },
  }),
  // Sluijterman et al. 2024, "Optimal training of mean variance estimation neural networks".
  meanWarmup: field({
    rule: { kind: "integer", min: 0, max: MAX_EPOCHS },
    default: 0,
    label: "Mean warm-up epochs",
    help: "gaussian head: the first epochs fit the mean alone by squared error, the variance outputs held; 0: none",
    cli: { flag: "--mean-warmup", arg: "epochs" },
  }),
  weightDecay: field({
    rule: { kind: "real", min: 0 },
    default: 0,
    label: "Weight decay",
    help: "decoupled weight decay of the trainable weights, as AdamW; 0: none",
    cli: { flag: "--weight-decay", arg: "λ" },
  }),
  epochs: field({
    rule: { kind: "integer", min: 0, max: MAX_EPOCHS },
    default: 3000,
    playgroundMax: 100_000,
    label: "Epochs",
    help: "epochs (full batch: optimiser steps); 0 keeps the untrained ensemble",
    cli: { flag: "--epochs", arg: "n" },
  }),
  batchSize: field({
    rule: { kind: "integer", min: 1, max: MAX_BATCH_SIZE, none: "the full batch" },
    default: null,
    label: "Batch size",
    help: 'examples per step, or "full" for the whole data set',
    cli: { flag: "--batch-size", arg: "n|full" },
  }),
  standardize: field({
    rule: { kind: "choice", names: STANDARDIZE_MODES },
    default: "none",
    label: "Standardize",
    help: "standardise inputs (x) or inputs and target (xy) before training",
    cli: { flag: "--standardize", arg: "mode" },
  }),
  // Yeo & Johnson 2000; each λ fitted by maximum likelihood, as scikit-learn's PowerTransformer does.
  inputTransform: field({
    rule: { kind: "choice", names: INPUT_TRANSFORM_NAMES },
    default: "none",
    label: "Input transform",
    help: "power-transform each input column before standardising: yeo-johnson fits one λ per column by maximum likelihood on the training rows; none: inputs as given",
    cli: { flag: "--input-transform", arg: "name" },
  }),
  seed: field({
    rule: { kind: "integer", min: 0, max: MAX_SEED },
    default: 0,
    label: "Seed",
    help: "seed for every initial weight, bootstrap and minibatch order",
    cli: { flag: "--seed", arg: "n" },
  }),
} as const;
