import { ShapeError } from "../errors.js";
import type { EnsembleSpec } from "../spec/types.js";
import { concatenate } from "../typed-arrays.js";
import { paramCounts } from "./params.js";

/**
 * Everything a backend needs to continue training exactly where it stopped. Values are float64 so
 * a float64 backend's weights and moments survive bit for bit (a float32 backend's values are
 * exact in float64 too); the prior's parameters stay in EnsembleParams, since they never change.
 */
export interface TrainingState {
  /** Epochs completed; it also fixes the next minibatch order. */
  readonly epoch: number;
  /** Optimiser steps taken by every member (Adam's bias correction depends on it). */
  readonly step: number;
  /** Trainable parameters at the backend's working precision, [members, paramCount]. */
  readonly trainable: Float64Array;
  /** Optimiser slots, each [members, paramCount]: Adam's first and second moments, or SGD's momentum trace. */
  readonly slots: readonly Float64Array[];
}

/** How many slot arrays the spec's optimiser keeps. */
export function optimizerSlotCount(spec: EnsembleSpec): number {
  return spec.optimizer.kind === "adam" ? 2 : 1;
}

function checkCount(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ShapeError(`training state ${field} must be a whole number >= 0, got ${value}`, { field });
  }
}

function checkValues(values: unknown, expected: number, field: string): void {
  if (!(values instanceof Float64Array) || values.length !== expected) {
    throw new ShapeError(
      `training state ${field} must be a Float64Array of ${expected} values, got ${values instanceof Float64Array ? values.length : typeof values}`,
      { field },
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new ShapeError(`training state ${field}[${i}] is not finite (${values[i]})`, { field });
    }
  }
}

/**
 * Throws ShapeError unless `state` fits the spec: counts, lengths, slot count, finite values.
 * @throws {ShapeError} for a negative or fractional count, a wrong length or slot count, or a non-finite value.
 * @throws {InvalidArgumentError} when the spec's layer sizes are invalid (from its parameter layout).
 */
export function validateTrainingState(spec: EnsembleSpec, state: TrainingState): void {
  checkCount(state.epoch, "epoch");
  checkCount(state.step, "step");
  const size = spec.members * paramCounts(spec).trainable;
  checkValues(state.trainable, size, "trainable");
  const slots = optimizerSlotCount(spec);
  if (!Array.isArray(state.slots) || state.slots.length !== slots) {
    throw new ShapeError(
      `training state for ${spec.optimizer.kind} must hold ${slots} optimiser slot arrays, got ${Array.isArray(state.slots) ? state.slots.length : typeof state.slots}`,
      { field: "slots" },
    );
  }
  for (const [i, slot] of state.slots.entries()) checkValues(slot, size, `slots[${i}]`);
}

/**
 * The state of members [offset, offset + count), for a backend that trains members in groups.
 * Slices count members from `offset` out of every array ([members, paramCount] → [count, paramCount]).
 * @throws {InvalidArgumentError} when the spec's layer sizes are invalid (from its parameter layout).
 */
export function sliceTrainingState(
  spec: EnsembleSpec,
  state: TrainingState,
  offset: number,
  count: number,
): TrainingState {
  const perMember = paramCounts(spec).trainable;
  const part = (values: Float64Array) => values.slice(offset * perMember, (offset + count) * perMember);
  return { epoch: state.epoch, step: state.step, trainable: part(state.trainable), slots: state.slots.map(part) };
}

/** The whole ensemble's state from its member groups' states, in member order. */
export function joinTrainingStates(parts: readonly TrainingState[]): TrainingState {
  const join = (pick: (state: TrainingState) => Float64Array) => concatenate(parts.map(pick));
  const first = parts[0]!;
  return {
    epoch: first.epoch,
    step: first.step,
    trainable: join((s) => s.trainable),
    slots: first.slots.map((_, i) => join((s) => s.slots[i]!)),
  };
}
