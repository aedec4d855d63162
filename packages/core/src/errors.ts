/**
 * Typed errors, in the manner of vercel/ai's AISDKError:
 *
 * - each class names itself with a string literal: a minifier renames classes (the web bundle's
 *   InvalidArgumentError is called "N"), so `new.target.name` would not survive a build;
 * - each class marks its instances with a symbol from the global registry (`Symbol.for`), and its
 *   static `isInstance` looks for that marker: it recognises errors made by another copy of this
 *   package (two versions in node_modules, the page's bundle and a worker's), where `instanceof`
 *   fails;
 * - every constructor takes the error that led to it as its last argument (`cause`);
 * - `serializeError` / `deserializeError` carry an error across a worker boundary, where structured
 *   cloning keeps neither the class nor `details`: the revived error is of the class its `code`
 *   names, with its details and causes.
 */

/** On every rpf error, from every version: `isRpfError` looks for it. */
const RPF_ERROR_MARKER = Symbol.for("rpf.error");
const INVALID_ARGUMENT_MARKER = Symbol.for("rpf.error.InvalidArgumentError");
const DATA_MARKER = Symbol.for("rpf.error.DataError");
const SHAPE_MARKER = Symbol.for("rpf.error.ShapeError");
const MODEL_FORMAT_MARKER = Symbol.for("rpf.error.ModelFormatError");
const UNSUPPORTED_MARKER = Symbol.for("rpf.error.UnsupportedError");
const BACKEND_UNAVAILABLE_MARKER = Symbol.for("rpf.error.BackendUnavailableError");
const ABORTED_MARKER = Symbol.for("rpf.error.AbortedError");
const DIVERGENCE_MARKER = Symbol.for("rpf.error.DivergenceError");
const NON_FINITE_OUTPUT_MARKER = Symbol.for("rpf.error.NonFiniteOutputError");
const JOB_FAILED_MARKER = Symbol.for("rpf.error.JobFailedError");

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === "object" && value !== null && marker in value;
}

/** The stable, machine-readable kind of an RpfError: callers branch on it, never on message text. */
export type RpfErrorCode =
  | "invalid_argument"
  | "invalid_data"
  | "shape_mismatch"
  | "invalid_model_file"
  | "unsupported"
  | "backend_unavailable"
  | "aborted"
  | "diverged"
  | "non_finite_output"
  | "job_failed";

/**
 * What an RpfError is about, for callers that act on it or report it in their own words (a CLI
 * flag, a form field) without reading its message. Every value is JSON.
 */
export interface RpfErrorDetails {
  /** The option, field or column the error is about. */
  field?: string;
  /** What would have been accepted. */
  accepted?: string;
  /** A file path, line or other location. */
  where?: string;
  /** DivergenceError: the member (from 0) whose loss stopped being finite. */
  member?: number;
  /** DivergenceError: the epoch (from 1) in which it did. */
  epoch?: number;
  /** NonFiniteOutputError: the input rows (from 0) whose outputs are not finite. */
  rows?: readonly number[];
  /** JobFailedError: the id of the job that failed (MemberJob.id). */
  job?: string;
}

/**
 * The base of every error rpf throws on purpose: a stable `code`, `details` naming the field and what
 * is accepted, and the optional `cause` of the standard Error options. Catch it by `code` or with
 * a class's `isInstance`, not by message: messages are written for people and may change.
 *
 * @param cause - the error that led to this one, kept as the standard `Error.cause`.
 */
export class RpfError extends Error {
  override readonly name: string = "RpfError";
  readonly [RPF_ERROR_MARKER] = true;
  readonly code: RpfErrorCode;
  readonly details: RpfErrorDetails;

  constructor(code: RpfErrorCode, message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.details = details;
  }

  /** Whether `value` is an rpf error, from this copy of the package or any other. */
  static isInstance(value: unknown): value is RpfError {
    return hasMarker(value, RPF_ERROR_MARKER);
  }
}

/** A spec value or option outside what is accepted: the caller's usage is wrong. */
export class InvalidArgumentError extends RpfError {
  override readonly name: string = "InvalidArgumentError";
  readonly [INVALID_ARGUMENT_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("invalid_argument", message, details, cause);
  }

  /** Whether `value` is an InvalidArgumentError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return hasMarker(value, INVALID_ARGUMENT_MARKER);
  }
}

/** Data that cannot be used: missing columns, non-numeric or non-finite cells, no rows. */
export class DataError extends RpfError {
  override readonly name: string = "DataError";
  readonly [DATA_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("invalid_data", message, details, cause);
  }

  /** Whether `value` is a DataError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is DataError {
    return hasMarker(value, DATA_MARKER);
  }
}

/** Arrays whose lengths or shapes do not fit the ensemble. */
export class ShapeError extends RpfError {
  override readonly name: string = "ShapeError";
  readonly [SHAPE_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("shape_mismatch", message, details, cause);
  }

  /** Whether `value` is a ShapeError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is ShapeError {
    return hasMarker(value, SHAPE_MARKER);
  }
}

/** A model file that is truncated, edited, of an unknown version, or not an rpf model. */
export class ModelFormatError extends RpfError {
  override readonly name: string = "ModelFormatError";
  readonly [MODEL_FORMAT_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("invalid_model_file", message, details, cause);
  }

  /** Whether `value` is a ModelFormatError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is ModelFormatError {
    return hasMarker(value, MODEL_FORMAT_MARKER);
  }
}

/** A capability the chosen backend does not have (for instance training on an inference backend). */
export class UnsupportedError extends RpfError {
  override readonly name: string = "UnsupportedError";
  readonly [UNSUPPORTED_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("unsupported", message, details, cause);
  }

  /** Whether `value` is an UnsupportedError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is UnsupportedError {
    return hasMarker(value, UNSUPPORTED_MARKER);
  }
}

/** No backend or device matched the request; the message lists every candidate and why it failed. */
export class BackendUnavailableError extends RpfError {
  override readonly name: string = "BackendUnavailableError";
  readonly [BACKEND_UNAVAILABLE_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("backend_unavailable", message, details, cause);
  }

  /** Whether `value` is a BackendUnavailableError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is BackendUnavailableError {
    return hasMarker(value, BACKEND_UNAVAILABLE_MARKER);
  }
}

/**
 * Work stopped because its AbortSignal fired. Its `name` is "AbortError", the platform's name for
 * an abort (`DOMException`, fetch, Node's timers), so code written for those (`error.name ===
 * "AbortError"`) treats rpf's aborts alike; its code stays "aborted" and `AbortedError.isInstance`
 * tells rpf's from others'.
 *
 * @param cause - the signal's `reason`, when there is one.
 */
export class AbortedError extends RpfError {
  override readonly name: string = "AbortError";
  readonly [ABORTED_MARKER] = true;
  constructor(message = "the operation was aborted", details: RpfErrorDetails = {}, cause?: unknown) {
    super("aborted", message, details, cause);
  }

  /** Whether `value` is an AbortedError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is AbortedError {
    return hasMarker(value, ABORTED_MARKER);
  }
}

/** Training produced a non-finite loss; the message and `details` name the member and the epoch. */
export class DivergenceError extends RpfError {
  override readonly name: string = "DivergenceError";
  readonly [DIVERGENCE_MARKER] = true;
  constructor(
    readonly member: number,
    readonly epoch: number,
    cause?: unknown,
  ) {
    super(
      "diverged",
      `training diverged: member ${member} had a non-finite loss in epoch ${epoch}; try a smaller learning rate`,
      { field: "optimizer.learningRate", member, epoch },
      cause,
    );
  }

  /** Whether `value` is a DivergenceError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is DivergenceError {
    return hasMarker(value, DIVERGENCE_MARKER);
  }
}

/**
 * A result that is not a finite number: a prediction beyond float32's range (±3.4e38) or undefined
 * there, or a report value that overflowed. `rows` are the 0-based rows whose outputs are not
 * finite (empty when the value is not a per-row output; then `details.rows` is absent); the
 * message counts them from 1.
 */
export class NonFiniteOutputError extends RpfError {
  override readonly name: string = "NonFiniteOutputError";
  readonly [NON_FINITE_OUTPUT_MARKER] = true;
  constructor(
    message: string,
    details: RpfErrorDetails = {},
    readonly rows: readonly number[] = [],
    cause?: unknown,
  ) {
    super("non_finite_output", message, rows.length > 0 ? { ...details, rows } : details, cause);
  }

  /** Whether `value` is a NonFiniteOutputError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is NonFiniteOutputError {
    return hasMarker(value, NON_FINITE_OUTPUT_MARKER);
  }
}

/**
 * A job of a fit or sweep run through a JobRunner (docs/jobs.md) failed for good: it threw, or
 * kept failing on every retry the runner allows. `job` (also `details.job`) is its id; `cause`
 * is the error it last failed with.
 */
export class JobFailedError extends RpfError {
  override readonly name: string = "JobFailedError";
  readonly [JOB_FAILED_MARKER] = true;
  constructor(
    readonly job: string,
    message?: string,
    details: RpfErrorDetails = {},
    cause?: unknown,
  ) {
    super(
      "job_failed",
      message ??
        `job ${job} failed${cause instanceof Error ? `: ${cause.message}` : ""}; the run stopped without a model`,
      { ...details, job },
      cause,
    );
  }

  /** Whether `value` is a JobFailedError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is JobFailedError {
    return hasMarker(value, JOB_FAILED_MARKER);
  }
}

/**
 * Whether `value` is an RpfError, also one thrown by another copy of this package (it checks a
 * `Symbol.for` marker, not `instanceof`).
 */
export function isRpfError(value: unknown): value is RpfError {
  return RpfError.isInstance(value);
}

/**
 * Throws when `signal` has fired; does nothing for no signal or one not aborted.
 * @throws {AbortedError} when `signal.aborted` is true, with the signal's reason as its cause.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError(undefined, {}, signal.reason);
}
