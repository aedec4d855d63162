/**
 * Typed errors. Each carries a stable `code` and a marker registered with `Symbol.for`, so
 * `isRpfError` recognises errors thrown by another copy of this package (as vercel/ai does).
 * Each class also names itself with a string literal: a minifier renames classes (the web
 * bundle's InvalidArgumentError is called "N"), so `new.target.name` would not survive a build.
 */

const RPF_ERROR_MARKER = Symbol.for("rpf.error");

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
  | "non_finite_output";

/** What an RpfError is about, for callers that report it in their own words (a CLI flag, a form field). */
export interface RpfErrorDetails {
  /** The option, field or column the error is about. */
  field?: string;
  /** What would have been accepted. */
  accepted?: string;
  /** A file path, line or other location. */
  where?: string;
}

/**
 * The base of every error rpf throws on purpose: a stable `code`, `details` naming the field and what
 * is accepted, and the optional `cause` of the standard Error options.
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
}

/** A spec value or option outside what is accepted: the caller's usage is wrong. */
export class InvalidArgumentError extends RpfError {
  override readonly name: string = "InvalidArgumentError";
  constructor(message: string, details: RpfErrorDetails = {}) {
    super("invalid_argument", message, details);
  }
}

/** Data that cannot be used: missing columns, non-numeric or non-finite cells, no rows. */
export class DataError extends RpfError {
  override readonly name: string = "DataError";
  constructor(message: string, details: RpfErrorDetails = {}) {
    super("invalid_data", message, details);
  }
}

/** Arrays whose lengths or shapes do not fit the ensemble. */
export class ShapeError extends RpfError {
  override readonly name: string = "ShapeError";
  constructor(message: string, details: RpfErrorDetails = {}) {
    super("shape_mismatch", message, details);
  }
}

/** A model file that is truncated, edited, of an unknown version, or not an rpf model. */
export class ModelFormatError extends RpfError {
  override readonly name: string = "ModelFormatError";
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super("invalid_model_file", message, details, cause);
  }
}

/** A capability the chosen backend does not have (for instance training on an inference backend). */
export class UnsupportedError extends RpfError {
  override readonly name: string = "UnsupportedError";
  constructor(message: string, details: RpfErrorDetails = {}) {
    super("unsupported", message, details);
  }
}

/** No backend or device matched the request; the message lists every candidate and why it failed. */
export class BackendUnavailableError extends RpfError {
  override readonly name: string = "BackendUnavailableError";
  constructor(message: string, details: RpfErrorDetails = {}) {
    super("backend_unavailable", message, details);
  }
}

/** Work stopped because its AbortSignal fired. */
export class AbortedError extends RpfError {
  override readonly name: string = "AbortedError";
  constructor(message = "the operation was aborted") {
    super("aborted", message);
  }
}

/** Training produced a non-finite loss; the message names the member and the epoch. */
export class DivergenceError extends RpfError {
  override readonly name: string = "DivergenceError";
  constructor(
    readonly member: number,
    readonly epoch: number,
  ) {
    super(
      "diverged",
      `training diverged: member ${member} had a non-finite loss in epoch ${epoch}; try a smaller learning rate`,
      { field: "optimizer.learningRate" },
    );
  }
}

/**
 * A result that is not a finite number: a prediction beyond float32's range (±3.4e38) or undefined
 * there, or a report value that overflowed. `rows` are the 0-based rows whose outputs are not
 * finite (empty when the value is not a per-row output); the message counts them from 1.
 */
export class NonFiniteOutputError extends RpfError {
  override readonly name: string = "NonFiniteOutputError";
  constructor(
    message: string,
    details: RpfErrorDetails = {},
    readonly rows: readonly number[] = [],
  ) {
    super("non_finite_output", message, details);
  }
}

/**
 * Whether `value` is an RpfError, also one thrown by another copy of this package (it checks a
 * `Symbol.for` marker, not `instanceof`).
 */
export function isRpfError(value: unknown): value is RpfError {
  return typeof value === "object" && value !== null && RPF_ERROR_MARKER in value;
}

/**
 * Throws when `signal` has fired; does nothing for no signal or one not aborted.
 * @throws {AbortedError} when `signal.aborted` is true.
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}
