import { assertFinite, validateDataset } from "../data/dataset.js";
import { DivergenceError, InvalidArgumentError, NonFiniteOutputError, ShapeError, throwIfAborted } from "../errors.js";
import { isFiniteFloat32 } from "../float32/finite-float32.js";
import { checkFiniteAtLeastZero } from "../option-checks.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { RawPrediction } from "./contract.js";
import type { FitRequest } from "./fit-request.js";

function checkWholeNumber(value: number | undefined, least: number, field: string): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= least)) {
    throw new InvalidArgumentError(`${field} must be a whole number >= ${least}, got ${value}`, { field });
  }
}

/**
 * Checks a fit request against the spec: epoch counts that are whole numbers, finite data of
 * the right widths, one weight per member and example, a signal not already aborted. Core's fit
 * loop calls it once per fit, so bad input gives the same typed error on every backend.
 * @throws {InvalidArgumentError} for epochs < 0, progressEvery, pause.every or stopCheck.every < 1, or fractions;
 *   for a negative or non-finite progressMs.
 * @throws {DataError} for non-finite data.
 * `checkedRows`: data's first rows that were checked before (the session's prepared data, which
 * appendTo names), whose values are not scanned again.
 * @throws {ShapeError} for the wrong widths, weight count or per-member target count, appendTo
 *   longer than data, or appendedWeights without appendTo or of the wrong length.
 * @throws {AbortedError} when the signal is already aborted.
 */
export function validateFitRequest(spec: EnsembleSpec, request: FitRequest, checkedRows = 0): void {
  const { data, exampleWeights, appendTo, appendedWeights } = request;
  checkWholeNumber(request.epochs, 0, "epochs");
  checkWholeNumber(request.progressEvery, 1, "progressEvery");
  checkWholeNumber(request.pause?.every, 1, "pause.every");
  checkWholeNumber(request.stopCheck?.every, 1, "stopCheck.every");
  checkFiniteAtLeastZero(request.progressMs, "progressMs", "milliseconds");
  validateDataset(data, checkedRows);
  if (data.inputSize !== spec.inputSize || data.outputSize !== spec.outputSize) {
    throw new ShapeError(
      `data is [${data.n}, ${data.inputSize}] → [${data.outputSize}]; the ensemble maps ${spec.inputSize} → ${spec.outputSize}`,
      { field: "data" },
    );
  }
  if (data.yByMember && data.yByMember.length !== spec.members * data.n * data.outputSize) {
    throw new ShapeError(
      `yByMember has ${data.yByMember.length} values; expected ${spec.members} members × ${data.n} × ${data.outputSize}`,
      { field: "yByMember" },
    );
  }
  // Weights given as a function are checked when the session joins them (exampleWeightsOf).
  if (typeof exampleWeights !== "function") checkWeightCount(spec, exampleWeights, data.n, "exampleWeights");
  if (appendTo && appendTo.n > data.n) {
    throw new ShapeError(`appendTo has ${appendTo.n} rows, more than the ${data.n} it would begin`, {
      field: "appendTo",
    });
  }
  if (appendedWeights) {
    if (!appendTo)
      throw new ShapeError("appendedWeights are the weights of the rows after appendTo's: give appendTo with them", {
        field: "appendedWeights",
      });
    checkWeightCount(spec, appendedWeights, data.n - appendTo.n, "appendedWeights");
  }
  throwIfAborted(request.signal);
}

/**
 * Checks that `weights` hold one weight per member and row, [members, rows].
 * @throws {ShapeError} naming `field` otherwise.
 */
export function checkWeightCount(spec: EnsembleSpec, weights: Float32Array, rows: number, field: string): void {
  if (weights.length !== spec.members * rows) {
    throw new ShapeError(`${field} have ${weights.length} values; expected ${spec.members} × ${rows}`, { field });
  }
}

/**
 * Checks x [n, inputSize] for prediction (shape and finiteness) and returns n.
 * @throws {ShapeError} when x's length is not a positive multiple of spec.inputSize.
 * @throws {DataError} for a non-finite value in x.
 */
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

/**
 * Checks a block of epoch losses ([epochs, members] row-major, its first epoch `firstEpoch`,
 * counted from 1). The scan is row-major and applies every rule in one pass, so the error names
 * the earliest epoch with a bad loss and the lowest member in it — whatever order members were
 * trained in and however the fit loop cut the epochs into time slices (checked in two passes, a
 * block with an overflow in epoch 2 and NaN in epoch 3 was reported either way).
 *
 * A loss beyond float32's ±3.4e38 (finite in float64) cannot be kept in the float32 loss history.
 * In epoch 1 it is the loss at the initial parameters, so the data's scale is at fault; later,
 * training has grown it, which is a divergence.
 * @throws {DivergenceError} for a NaN or infinite loss, or one beyond float32 after epoch 1.
 * @throws {NonFiniteOutputError} for a loss beyond float32 in epoch 1: targets too large to fit.
 */
export function checkFinite(losses: ArrayLike<number>, members: number, firstEpoch: number): void {
  for (let i = 0; i < losses.length; i++) {
    const loss = losses[i]!;
    if (isFiniteFloat32(loss)) continue;
    const [member, epoch] = [i % members, firstEpoch + Math.floor(i / members)];
    if (Number.isFinite(loss) && epoch === 1) {
      throw new NonFiniteOutputError(
        `member ${member}'s training loss in epoch ${epoch} is beyond float32's range (±3.4e38), so the loss history cannot hold it; standardise the target (standardize "xy", --standardize xy) or rescale it`,
        { field: "data.y", accepted: "targets whose squared errors stay within float32's range" },
      );
    }
    throw new DivergenceError(member, epoch);
  }
}

/** Zeroed [members, n, outputSize] arrays for a backend's predict to fill (with `variance` for the "gaussian" head). */
export function allocateRawPrediction(spec: EnsembleSpec, n: number): RawPrediction {
  const size = spec.members * n * spec.outputSize;
  const parts = { members: new Float32Array(size), prior: new Float32Array(size), trainable: new Float32Array(size) };
  return spec.head === "gaussian" ? { ...parts, variance: new Float32Array(size) } : parts;
}
