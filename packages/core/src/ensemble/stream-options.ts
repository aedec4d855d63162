import type { RowSource } from "../data/row-source.js";
import { DataError, InvalidArgumentError, ShapeError } from "../errors.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { FitOptions } from "./ensemble.js";

/** Rows per chunk when StreamFitOptions.chunkRows is not given: about 2.6 MB for 10 float32 columns. */
export const DEFAULT_CHUNK_ROWS = 65_536;

/**
 * Options of one Ensemble.fitStream call: FitOptions' epochs, signal and progress (reported after
 * every epoch), and the chunk size. A validation split or checkpoints are refused: both would
 * need the rows held (a split) or a resumable position in the file (a checkpoint).
 */
export type StreamFitOptions = Pick<FitOptions, "epochs" | "signal" | "onProgress" | "validation" | "checkpoint"> & {
  /**
   * Rows the backend trains at once (default DEFAULT_CHUNK_ROWS): the unit of memory, of the
   * minibatch order's key and of abort. Results depend on it, not on the source's batch sizes.
   */
  chunkRows?: number;
};

/**
 * Checks a streamed fit's source and options against the spec.
 * @returns the epochs (default spec.epochs) and the chunk size.
 * @throws {ShapeError} for a source whose widths are not the spec's.
 * @throws {DataError} for a source without rows.
 * @throws {InvalidArgumentError} for epochs or chunkRows that are not whole numbers >= 1, a
 *   validation split, checkpoints, a resumed run, or an inputTransform other than "none".
 */
export function checkStreamFit(
  spec: EnsembleSpec,
  source: RowSource,
  options: StreamFitOptions,
  resumed: boolean,
): { epochs: number; chunkRows: number } {
  if (source.inputSize !== spec.inputSize || source.outputSize !== spec.outputSize) {
    throw new ShapeError(
      `the row source has ${source.inputSize} input and ${source.outputSize} output columns; the ensemble expects ${spec.inputSize} and ${spec.outputSize}`,
      { field: "data" },
    );
  }
  if (!(Number.isSafeInteger(source.rows) && source.rows >= 1 && source.rows <= 2 ** 32)) {
    throw new DataError(`a stream needs from 1 to 2^32 rows, got ${source.rows}`, { field: "rows" });
  }
  if (spec.inputTransform !== "none") {
    throw new InvalidArgumentError(
      `a streamed fit cannot use inputTransform "${spec.inputTransform}": fitting its λ per column needs every row in memory at once; fit in memory, or stream with inputTransform "none"`,
      { field: "inputTransform", accepted: "none" },
    );
  }
  const refused = options.validation
    ? "a validation split"
    : options.checkpoint
      ? "checkpoints"
      : resumed
        ? "a resumed run"
        : null;
  if (refused) {
    throw new InvalidArgumentError(
      `a streamed fit cannot use ${refused} yet: it takes epochs, signal, onProgress and chunkRows; fit in memory for the rest`,
      {
        field: refused === "a resumed run" ? "resumed" : options.validation ? "validation" : "checkpoint",
        accepted: "epochs, signal, onProgress, chunkRows",
      },
    );
  }
  const epochs = options.epochs ?? spec.epochs;
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  for (const [field, value] of [
    ["epochs", epochs],
    ["chunkRows", chunkRows],
  ] as const) {
    if (!(Number.isSafeInteger(value) && value >= 1))
      throw new InvalidArgumentError(`${field} must be a whole number >= 1, got ${value}`, { field });
  }
  return { epochs, chunkRows };
}
