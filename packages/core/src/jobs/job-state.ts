import { ShapeError } from "../errors.js";
import { decodeFloat64, encodeFloat64 } from "../io/float64-base64.js";
import type { TrainingState } from "../members/training-state.js";

/** A TrainingState as plain JSON: counts as numbers, float64 arrays as base64 (io/float64-base64). */
export interface EncodedTrainingState {
  readonly epoch: number;
  readonly step: number;
  readonly trainable: string;
  readonly slots: readonly string[];
}

/** A training state as plain JSON, bit for bit (MemberJobResult.state). */
export function encodeTrainingState(state: TrainingState): EncodedTrainingState {
  return {
    epoch: state.epoch,
    step: state.step,
    trainable: encodeFloat64(state.trainable),
    slots: state.slots.map(encodeFloat64),
  };
}

/**
 * The training state encodeTrainingState wrote; sizes and values are checked where it is used
 * (validateTrainingState, by the backend that opens it).
 * @throws {ShapeError} for a value that is not an encoded training state (`what` names it).
 */
export function decodeTrainingState(encoded: EncodedTrainingState, what: string): TrainingState {
  try {
    if (!Array.isArray(encoded.slots)) throw new TypeError("slots is not a list");
    return {
      epoch: encoded.epoch,
      step: encoded.step,
      trainable: decodeFloat64(encoded.trainable),
      slots: encoded.slots.map(decodeFloat64),
    };
  } catch (error) {
    throw new ShapeError(`${what} does not hold an encoded training state: ${(error as Error).message}`, {
      field: "state",
    });
  }
}
