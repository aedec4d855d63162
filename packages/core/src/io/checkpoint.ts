import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { Dataset } from "../data/dataset.js";
import type { Standardizer } from "../data/standardizer.js";
import { InvalidArgumentError } from "../errors.js";
import type { TrainingState } from "../members/training-state.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { ModelData } from "./model-data.js";

/**
 * A training run stopped part-way: enough to finish it exactly as if it had never stopped. The
 * backend's state is at its working precision (float64 for matrix), so weights and optimiser
 * moments are not rounded to float32 the way a model file's are.
 */
export interface TrainingCheckpoint {
  readonly spec: EnsembleSpec;
  /** The frozen prior's parameters (float32, as drawn). */
  readonly prior: Float32Array;
  readonly state: TrainingState;
  /** Fitted on the run's data at its first epoch, and kept. */
  readonly standardizer: Standardizer;
  /** The epoch count the run was asked for in total; resuming trains the rest. */
  readonly targetEpochs: number;
  /** [state.epoch, members]: each member's loss at every epoch so far. */
  readonly lossHistory: Float32Array;
  /** Wall time spent training so far. */
  readonly trainSeconds: number;
  /** What the run trained on; resuming on different data is refused. */
  readonly data: DataFingerprint;
  /**
   * How many leading rows of the data carry the "resample" bootstrap's multinomial counts of a
   * fit on that many rows; the rows after them carry online weights (onlineBootstrapWeights).
   * Absent: every row (a run whose data never grew).
   */
  readonly bootstrapRows?: number;
  readonly columns?: ModelData["columns"];
  /** The application's own record of the run (the CLI keeps its data options here). */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** What identifies a training set without storing it: its sizes and a hash of its values. */
export interface DataFingerprint {
  readonly n: number;
  readonly inputSize: number;
  readonly outputSize: number;
  /** sha256 of x then y as little-endian float32. */
  readonly sha256: string;
}

function littleEndianBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

/** The fingerprint of `data`: n, inputSize, outputSize and the sha256 of x then y (little-endian float32). */
export function fingerprintData(data: Dataset): DataFingerprint {
  const hash = sha256.create();
  hash.update(littleEndianBytes(data.x));
  hash.update(littleEndianBytes(data.y));
  return { n: data.n, inputSize: data.inputSize, outputSize: data.outputSize, sha256: bytesToHex(hash.digest()) };
}

/**
 * Throws InvalidArgumentError unless `data` is the data the checkpoint's run trained on.
 * @throws {InvalidArgumentError} when the sha256 or the row count differs, with both in the message.
 */
export function assertSameData(expected: DataFingerprint, data: Dataset): void {
  const actual = fingerprintData(data);
  if (actual.sha256 === expected.sha256 && actual.n === expected.n) return;
  throw new InvalidArgumentError(
    `the data differs from the data the checkpoint was trained on (${actual.n} rows now, ${expected.n} then; sha256 ${actual.sha256.slice(0, 12)}… vs ${expected.sha256.slice(0, 12)}…): resume with the same data, or start a new run`,
    { field: "data" },
  );
}
