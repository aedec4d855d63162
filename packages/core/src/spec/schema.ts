import { z } from "zod";
import { bootstrapSchema } from "./bootstrap.js";
import { NETWORK_FIELDS, OPTIMIZER_FIELDS, SPEC_FIELDS } from "./fields.js";
import { fieldSchema } from "./rules.js";

/*
 * The ensemble spec's one schema. zod 4 rather than valibot: zod 4 turns a schema into JSON Schema
 * itself (z.toJSONSchema, for docs/model.schema.json) and carries per-field metadata into it;
 * valibot needs a separate package for JSON Schema and its pipelines are harder to read back as
 * limits. Both validate as well; zod is the more widely used. Field rules, defaults and names live
 * in fields.ts; this file only arranges them.
 */

/** One network: the trainable net, or the frozen prior (which may have its own architecture). */
export const networkSchema = z
  .object({
    hiddenSizes: fieldSchema(NETWORK_FIELDS.hiddenSizes),
    activation: fieldSchema(NETWORK_FIELDS.activation),
    kernelInit: fieldSchema(NETWORK_FIELDS.kernelInit),
  })
  .meta({ id: "NetworkSpec" });

const shared = { learningRate: fieldSchema(OPTIMIZER_FIELDS.learningRate) };
const clipNorm = fieldSchema(OPTIMIZER_FIELDS.clipNorm);

/** Adam exactly as optax defines it (eps added to sqrt of the bias-corrected second moment). */
export const adamSchema = z.object({
  kind: z.literal("adam"),
  ...shared,
  b1: fieldSchema(OPTIMIZER_FIELDS.b1),
  b2: fieldSchema(OPTIMIZER_FIELDS.b2),
  eps: fieldSchema(OPTIMIZER_FIELDS.eps),
  clipNorm,
});

/** Plain SGD, with optional heavy-ball momentum as optax.sgd. */
export const sgdSchema = z.object({
  kind: z.literal("sgd"),
  ...shared,
  momentum: fieldSchema(OPTIMIZER_FIELDS.momentum),
  clipNorm,
});

const optimizerKindError = (issue: { input?: unknown }) =>
  `is ${JSON.stringify((issue.input as { kind?: unknown } | null)?.kind)}; accepted: ${OPTIMIZER_FIELDS.kind.rule.names.join(", ")}`;

export const optimizerSchema = z.discriminatedUnion("kind", [adamSchema, sgdSchema], { error: optimizerKindError });

/**
 * Everything that determines an ensemble and its training, given the data, with the seed
 * notebook's defaults. The keys are in the order a resolved spec (and a model file) lists them.
 * The prior's defaults are the trainable net's: resolveEnsembleSpec fills them in first.
 */
export const ensembleSpecSchema = z.object({
  members: fieldSchema(SPEC_FIELDS.members),
  inputSize: fieldSchema(SPEC_FIELDS.inputSize),
  outputSize: fieldSchema(SPEC_FIELDS.outputSize),
  trainable: networkSchema.prefault({}),
  prior: networkSchema.prefault({}),
  priorScale: fieldSchema(SPEC_FIELDS.priorScale),
  bootstrap: bootstrapSchema.default({ kind: "resample" }),
  optimizer: optimizerSchema.prefault({ kind: "adam" }),
  head: fieldSchema(SPEC_FIELDS.head),
  varianceFloor: fieldSchema(SPEC_FIELDS.varianceFloor),
  varianceWeighting: fieldSchema(SPEC_FIELDS.varianceWeighting),
  meanWarmup: fieldSchema(SPEC_FIELDS.meanWarmup),
  weightDecay: fieldSchema(SPEC_FIELDS.weightDecay),
  epochs: fieldSchema(SPEC_FIELDS.epochs),
  batchSize: fieldSchema(SPEC_FIELDS.batchSize),
  standardize: fieldSchema(SPEC_FIELDS.standardize),
  inputTransform: fieldSchema(SPEC_FIELDS.inputTransform),
  seed: fieldSchema(SPEC_FIELDS.seed),
});
