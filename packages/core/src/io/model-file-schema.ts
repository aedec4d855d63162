import { z } from "zod";
import { MAX_CLASSES, MAX_LAYER_WIDTH, MAX_MEMBERS } from "../spec/caps.js";
import { HEAD_NAMES } from "../spec/names.js";
import { adamSchema, ensembleSpecSchema, sgdSchema } from "../spec/schema.js";

/*
 * The model file's structure as a zod schema, for the JSON Schema published as
 * docs/model.schema.json (written by `pnpm model-schema`; a test fails when the committed file is
 * stale). decodeModel checks more than a JSON Schema can state: the checksum, tensor shapes and
 * byte counts against the spec, the standardizer's widths against inputSize and outputSize.
 */

const MODEL_FORMAT_NAME = "rpf-model";

const tensorSchema = z
  .object({
    dtype: z.literal("float32"),
    shape: z.tuple([z.int().min(1).max(MAX_MEMBERS), z.int().min(0)]).describe("[members, parameters per member]"),
    data: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/)
      .describe("float32 little-endian bytes, base64"),
  })
  .meta({ id: "Tensor" });

const finite = z.number();
const positive = z.number().gt(0);

const standardizerSchema = z
  .object({
    xMean: z.array(finite).min(1).max(MAX_LAYER_WIDTH),
    xScale: z.array(positive).min(1).max(MAX_LAYER_WIDTH),
    yMean: z.array(finite).min(1).max(MAX_LAYER_WIDTH),
    yScale: z.array(positive).min(1).max(MAX_LAYER_WIDTH),
    xLambda: z
      .array(finite)
      .min(1)
      .max(MAX_LAYER_WIDTH)
      .optional()
      .describe('Yeo-Johnson λ per input column, exactly when the spec\'s inputTransform is "yeo-johnson"'),
  })
  .meta({
    id: "Standardizer",
    description:
      "per-column maps: x is standardised as (yeoJohnson(x, xLambda) - xMean) / xScale, y as (y - yMean) / yScale",
  });

const trainingSchema = z
  .object({
    backend: z.string(),
    device: z.string(),
    epochs: z.int().min(0),
    examples: z.int().min(0),
    trainSeconds: z.number().min(0),
    finalLosses: z.array(finite),
    lossEvery: z.int().min(1),
    meanLossHistory: z.array(finite),
  })
  .meta({ id: "TrainingReport" })
  .nullable()
  .describe("what training did; null for a model that was never fitted");

const columnsSchema = z
  .object({ x: z.array(z.string().min(1)).min(1), y: z.string().min(1) })
  .nullable()
  .optional()
  .describe("column names, when the data came from a CSV");

const envelope = {
  format: z.literal(MODEL_FORMAT_NAME),
  producer: z.string().optional(),
  createdAt: z.string().optional(),
  standardizer: standardizerSchema,
  training: trainingSchema,
  columns: columnsSchema,
  params: z.object({ byteOrder: z.literal("little"), trainable: tensorSchema, prior: tensorSchema }),
  checksum: z
    .string()
    .regex(/^sha256:[0-9a-f]{64}$/)
    .describe("sha256 of the canonical JSON of every other field"),
};

/**
 * The Gaussian head's mean-training fields and the input transform came after versions 1–3 were
 * defined: a file written before them lacks them (it trained with 0 and "none", what decodeModel
 * reads them as).
 */
const laterSpecFields = {
  varianceWeighting: ensembleSpecSchema.shape.varianceWeighting.optional(),
  meanWarmup: ensembleSpecSchema.shape.meanWarmup.optional(),
  inputTransform: ensembleSpecSchema.shape.inputTransform.optional(),
};

const specSchema = ensembleSpecSchema.extend(laterSpecFields).meta({ id: "EnsembleSpec" });

const classesSchema = z
  .array(z.string().min(1))
  .min(2)
  .max(MAX_CLASSES)
  .meta({ uniqueItems: true })
  .optional()
  .describe("a categorical model's class labels: output k is the probability of classes[k]");

/**
 * Version 4: the input transform (spec.inputTransform "yeo-johnson", whose standardizer carries
 * xLambda); otherwise as version 3. decodeModel refuses an input transform in an older version.
 */
const version4 = z.object({ ...envelope, formatVersion: z.literal(4), spec: specSchema, classes: classesSchema });

/**
 * Version 3: the categorical head, whose model names its classes (decodeModel also checks one
 * label per output, and that a model of another head has none).
 */
const version3 = z.object({ ...envelope, formatVersion: z.literal(3), spec: specSchema, classes: classesSchema });

/** Version 2: the spec records every field, the head, variance floor and weight decay included; no categorical head. */
const version2 = z.object({
  ...envelope,
  formatVersion: z.literal(2),
  spec: specSchema.extend({ head: z.enum(HEAD_NAMES.filter((name) => name !== "categorical")) }),
});

const clipNormOptional = { clipNorm: adamSchema.shape.clipNorm.optional() };

/**
 * Version 1 predates heads: its spec has no head (or the mse one) and may name its loss; files
 * written before gradient clipping have no clipNorm either.
 */
const version1 = z.object({
  ...envelope,
  formatVersion: z.literal(1),
  spec: ensembleSpecSchema.extend({
    ...laterSpecFields,
    head: z.literal("mse").optional(),
    varianceFloor: ensembleSpecSchema.shape.varianceFloor.optional(),
    weightDecay: ensembleSpecSchema.shape.weightDecay.optional(),
    loss: z.object({ kind: z.literal("mse") }).optional(),
    optimizer: z.discriminatedUnion("kind", [adamSchema.extend(clipNormOptional), sgdSchema.extend(clipNormOptional)]),
  }),
});

/** An rpf model file of any version this rpf reads. */
export const modelFileSchema = z.union([version4, version3, version2, version1]).meta({
  title: "rpf model file",
  description: "An ensemble with randomized prior functions, as rpf writes it (docs/model-format.md).",
});

/**
 * The JSON Schema (draft 2020-12) of a model file: the spec as written (every default filled in,
 * so every field required), the envelope, the standardizer, the training report and the classes.
 */
export function modelFileJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(modelFileSchema, { io: "output", target: "draft-2020-12" }) as Record<string, unknown>;
}
