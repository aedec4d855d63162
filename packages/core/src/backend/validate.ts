import { assertFinite, validateDataset } from "../data/dataset.js";
import type { EnsembleSpec } from "../ensemble/spec.js";
import { AbortedError, DivergenceError, ShapeError } from "../errors.js";
import type { FitRequest, RawPrediction } from "./contract.js";

/**
 * Checks a fit request against the spec: finite data of the right widths, one weight per member
 * and example, a signal not already aborted. Every backend calls it, so bad input gives the same
 * typed error whichever backend receives it.
 */
export function validateFitRequest(spec: EnsembleSpec, request: FitRequest): void {
  const { data, exampleWeights } = request;
  validateDataset(data);
  if (data.inputSize !== spec.inputSize || data.outputSize !== spec.outputSize) {
    throw new ShapeError(
      `data is [${data.n}, ${data.inputSize}] → [${data.outputSize}]; the ensemble maps ${spec.inputSize} → ${spec.outputSize}`,
      { field: "data" },
    );
  }
  if (exampleWeights.length !== spec.members * data.n) {
    throw new ShapeError(`example weights have ${exampleWeights.length} values; expected ${spec.members} × ${data.n}`, {
      field: "exampleWeights",
    });
  }
  if (request.signal?.aborted) throw new AbortedError();
}

/** Checks x [n, inputSize] for prediction (shape and finiteness) and returns n. */
export function validatePredictInput(spec: EnsembleSpec, x: Float32Array): number {
  if (x.length === 0 || x.length % spec.inputSize !== 0) {
    throw new ShapeError(
      `x has ${x.length} values; expected a positive multiple of the input width ${spec.inputSize}`,
      {
        field: "x",
      },
    );
  }
  assertFinite(x, "x", spec.inputSize);
  return x.length / spec.inputSize;
}

/** Hands the event loop back (setImmediate in Node, a zero timeout in browsers) so timers, progress and AbortSignals stay live. */
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Throws DivergenceError for the first non-finite loss in a block of epochs ([epochs, members]
 * row-major, starting at epoch `firstEpoch`, counted from 1; members numbered from `memberOffset`).
 */
export function checkFinite(losses: ArrayLike<number>, members: number, firstEpoch: number, memberOffset = 0): void {
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i]!)) {
      throw new DivergenceError(memberOffset + (i % members), firstEpoch + Math.floor(i / members));
    }
  }
}

/** Zeroed [members, n, outputSize] arrays for a backend's predict to fill (with `variance` for the "gaussian" head). */
export function allocateRawPrediction(spec: EnsembleSpec, n: number): RawPrediction {
  const size = spec.members * n * spec.outputSize;
  const parts = { members: new Float32Array(size), prior: new Float32Array(size), trainable: new Float32Array(size) };
  return spec.head === "gaussian" ? { ...parts, variance: new Float32Array(size) } : parts;
}
