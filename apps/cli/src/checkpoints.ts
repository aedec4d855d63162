import {
  decodeCheckpoint,
  encodeCheckpoint,
  InvalidArgumentError,
  MAX_MODEL_FILE_BYTES,
  ModelFormatError,
  type TrainingCheckpoint,
} from "@rpf/core";
import { writeFileAtomically } from "./atomic-write.js";
import { readTextFile } from "./files.js";
import { STDIO_PATH } from "./stdio.js";

/** What `rpf train` records in a checkpoint to reload the same data and keep checkpointing. */
export interface TrainRunRecord {
  readonly data: string;
  readonly xCols?: string[];
  readonly yCol?: string;
  readonly dataSeed: number;
  readonly points: number;
  readonly checkpointEvery: number;
  /** "name:device" that trained it; resuming elsewhere is allowed but not bit-identical. */
  readonly backend: string;
}

export async function readCheckpointFile(
  path: string,
): Promise<{ checkpoint: TrainingCheckpoint; run: TrainRunRecord }> {
  const text = await readTextFile(path, MAX_MODEL_FILE_BYTES);
  let checkpoint: TrainingCheckpoint;
  try {
    checkpoint = decodeCheckpoint(text);
  } catch (error) {
    if (ModelFormatError.isInstance(error))
      throw new ModelFormatError(`${path}: ${error.message}`, { where: path }, error);
    throw error;
  }
  const meta = checkpoint.meta as Partial<TrainRunRecord> | undefined;
  if (typeof meta?.data !== "string" || typeof meta.checkpointEvery !== "number") {
    throw new ModelFormatError(`${path}: this checkpoint was not written by rpf train, so it does not say its data`, {
      where: path,
    });
  }
  return { checkpoint, run: meta as TrainRunRecord };
}

export function checkpointWriter(path: string): (checkpoint: TrainingCheckpoint) => Promise<void> {
  return (checkpoint) => writeFileAtomically(path, encodeCheckpoint(checkpoint, { producer: "@rpf/cli" }));
}

/** Where checkpoints go: --checkpoint, else next to --out (a file: stdout has no "beside"). */
export function checkpointPath(options: { checkpoint?: string; out?: string }): string {
  if (options.checkpoint === undefined && options.out === STDIO_PATH) {
    throw new InvalidArgumentError(
      "--checkpoint-every with --out - (stdout) needs --checkpoint <file>: checkpoints are files that rpf rewrites",
      { field: "checkpoint" },
    );
  }
  const path = options.checkpoint ?? (options.out ? `${options.out}.ckpt` : undefined);
  if (!path) {
    throw new InvalidArgumentError(
      "--checkpoint-every needs somewhere to write: give --checkpoint <file> or --out <file> (checkpoints then go to <file>.ckpt)",
      { field: "checkpoint" },
    );
  }
  return path;
}
