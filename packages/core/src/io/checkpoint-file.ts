import { FLOAT32_RANGE, isFiniteFloat32 } from "../float32/finite-float32.js";
import { paramCounts, validateEnsembleParams } from "../members/params.js";
import { optimizerSlotCount } from "../members/training-state.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { DataFingerprint, TrainingCheckpoint } from "./checkpoint.js";
import {
  asRecord,
  assertInputTransformSince,
  checksumOf,
  decodeSpec,
  decodeTensorRecord,
  fail,
  openVersionedFile,
  type TensorRecord,
} from "./file-checks.js";
import { decodeFloat32, encodeFloat32 } from "./float32-base64.js";
import { decodeFloat64, encodeFloat64 } from "./float64-base64.js";
import { assertInputTransform } from "./input-transform-field.js";
import { decodeColumns, decodeStandardizer } from "./model-fields.js";
import { MAX_MODEL_FILE_BYTES } from "./model-file.js";

/** The `format` field every checkpoint file carries (docs/checkpoints.md). */
export const CHECKPOINT_FORMAT = "rpf-checkpoint";
/**
 * 3: the input transform, as in model files (a checkpoint is written with the oldest version that
 * holds it, checkpointVersionOf); 2: the spec records the head, as in model files
 * (docs/checkpoints.md); 1 is still read.
 */
export const CHECKPOINT_FORMAT_VERSION = 3;
/** The first checkpoint format version with an input transform. */
const INPUT_TRANSFORM_SINCE = 3;

/**
 * The oldest version that holds the checkpoint, so that an rpf which predates the input
 * transform refuses such a checkpoint by its version instead of resuming without the transform.
 */
function checkpointVersionOf(spec: EnsembleSpec): number {
  return spec.inputTransform === "none" ? 2 : INPUT_TRANSFORM_SINCE;
}

const CHECKPOINT_FILE = {
  what: "checkpoint",
  format: CHECKPOINT_FORMAT,
  version: CHECKPOINT_FORMAT_VERSION,
  maxBytes: MAX_MODEL_FILE_BYTES,
} as const;

function float32Tensor(values: Float32Array, shape: readonly [number, number]): TensorRecord {
  return { dtype: "float32", shape, data: encodeFloat32(values) };
}

function float64Tensor(values: Float64Array, shape: readonly [number, number]): TensorRecord {
  return { dtype: "float64", shape, data: encodeFloat64(values) };
}

/**
 * Serialises a checkpoint to JSON text with a checksum, like a model file (docs/model-format.md).
 * @throws {InvalidArgumentError} when the checkpoint's spec has invalid layer sizes or activation,
 *   or its standardizer's xLambda does not fit its inputTransform.
 */
export function encodeCheckpoint(
  checkpoint: TrainingCheckpoint,
  options: { createdAt?: string; producer?: string } = {},
): string {
  const { spec, state } = checkpoint;
  assertInputTransform(checkpoint.standardizer.xLambda, spec);
  const members = spec.members;
  const perMember = paramCounts(spec);
  const body: Record<string, unknown> = {
    format: CHECKPOINT_FORMAT,
    formatVersion: checkpointVersionOf(spec),
    producer: options.producer ?? "@rpf/core",
    createdAt: options.createdAt ?? new Date().toISOString(),
    spec,
    standardizer: checkpoint.standardizer,
    targetEpochs: checkpoint.targetEpochs,
    trainSeconds: checkpoint.trainSeconds,
    data: checkpoint.data,
    bootstrapRows: checkpoint.bootstrapRows,
    columns: checkpoint.columns,
    meta: checkpoint.meta,
    byteOrder: "little",
    prior: float32Tensor(checkpoint.prior, [members, perMember.prior]),
    state: {
      epoch: state.epoch,
      step: state.step,
      trainable: float64Tensor(state.trainable, [members, perMember.trainable]),
      slots: state.slots.map((slot) => float64Tensor(slot, [members, perMember.trainable])),
    },
    lossHistory: float32Tensor(checkpoint.lossHistory, [state.epoch, members]),
  };
  return `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 1)}\n`;
}

function wholeNumber(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    fail(`the checkpoint's ${name} must be a whole number >= 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

function decodeFingerprint(value: unknown): DataFingerprint {
  const data = asRecord(value, "data");
  const hash = data.sha256;
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) fail("the checkpoint's data.sha256 is not a sha256");
  return {
    n: wholeNumber(data.n, "data.n"),
    inputSize: wholeNumber(data.inputSize, "data.inputSize"),
    outputSize: wholeNumber(data.outputSize, "data.outputSize"),
    sha256: hash,
  };
}

/**
 * Parses and validates checkpoint text; every problem is a ModelFormatError that says what is wrong.
 * @throws {ModelFormatError} for anything that is not a whole, unedited checkpoint of a known version.
 */
export function decodeCheckpoint(text: string): TrainingCheckpoint {
  const file = openVersionedFile(text, CHECKPOINT_FILE);
  const spec = decodeSpec(file.spec, "checkpoint", file.formatVersion as number);
  assertInputTransformSince(spec, "checkpoint", file.formatVersion as number, INPUT_TRANSFORM_SINCE);
  const members = spec.members;
  // cannot throw {InvalidArgumentError}: decodeSpec has validated the spec's networks
  const counts = paramCounts(spec);
  const state = asRecord(file.state, "state");
  const epoch = wholeNumber(state.epoch, "state.epoch");
  const targetEpochs = wholeNumber(file.targetEpochs, "targetEpochs");
  if (targetEpochs < epoch) fail(`the checkpoint's targetEpochs ${targetEpochs} is before its epoch ${epoch}`);
  const trainSeconds = file.trainSeconds;
  if (typeof trainSeconds !== "number" || !(trainSeconds >= 0) || !Number.isFinite(trainSeconds)) {
    fail("the checkpoint's trainSeconds must be a finite number >= 0");
  }
  const slots = state.slots;
  const slotCount = optimizerSlotCount(spec);
  if (!Array.isArray(slots) || slots.length !== slotCount) {
    fail(`the checkpoint's state.slots must hold ${slotCount} tensors for ${spec.optimizer.kind}`);
  }
  const float64 = (value: unknown, name: string) =>
    decodeTensorRecord(value, name, { dtype: "float64", shape: [members, counts.trainable] }, decodeFloat64);
  const prior = decodeTensorRecord(
    file.prior,
    "prior",
    { dtype: "float32", shape: [members, counts.prior] },
    decodeFloat32,
  );
  const trainable = float64(state.trainable, "state.trainable");
  // Kept as float64 to resume bit for bit, but saved as float32 in the model at the end: a weight
  // that rounds to Infinity there is refused now, by its float32 value, not its float64 one.
  const beyond = trainable.findIndex((value) => !isFiniteFloat32(value));
  if (beyond >= 0) {
    fail(
      `the checkpoint's state.trainable value ${beyond} (${trainable[beyond]}) is not a finite float32 (${FLOAT32_RANGE}); the model stores weights as float32`,
    );
  }
  try {
    validateEnsembleParams(spec, { trainable: Float32Array.from(trainable), prior });
  } catch (error) {
    fail(`the checkpoint's parameters are invalid: ${(error as Error).message}`, error);
  }
  const columns = decodeColumns(file.columns, spec);
  const data = decodeFingerprint(file.data);
  const bootstrapRows = file.bootstrapRows === undefined ? undefined : wholeNumber(file.bootstrapRows, "bootstrapRows");
  if (bootstrapRows !== undefined && bootstrapRows > data.n)
    fail(`the checkpoint's bootstrapRows ${bootstrapRows} is more than its data's ${data.n} rows`);
  return {
    spec,
    prior,
    state: {
      epoch,
      step: wholeNumber(state.step, "state.step"),
      trainable,
      slots: slots.map((slot, i) => float64(slot, `state.slots[${i}]`)),
    },
    standardizer: decodeStandardizer(file.standardizer, spec),
    targetEpochs,
    lossHistory: decodeTensorRecord(
      file.lossHistory,
      "lossHistory",
      { dtype: "float32", shape: [epoch, members] },
      decodeFloat32,
    ),
    trainSeconds,
    data,
    ...(bootstrapRows === undefined ? {} : { bootstrapRows }),
    ...(columns ? { columns } : {}),
    ...(file.meta ? { meta: asRecord(file.meta, "meta") } : {}),
  };
}
