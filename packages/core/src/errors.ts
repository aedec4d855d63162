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
 * - `rpfErrorSubclass` writes the name, marker and `isInstance` of each subclass, once for all (core's
 *   classes and other packages' alike);
 * - `serializeError` / `deserializeError` carry an error across a worker boundary, where structured
 *   cloning keeps neither the class nor `details`: the revived error is of the class its `code`
 *   names, with its details and causes.
 */

/** On every rpf error, from every version: `isRpfError` looks for it. */
const RPF_ERROR_MARKER = Symbol.for("rpf.error");

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === "object" && value !== null && marker in value;
}

/**
 * The stable, machine-readable kind of an RpfError: callers branch on it, never on message text.
 * The codes are the keys of {@link RpfErrorClassOfCode}, which also names each one's class.
 */
export type RpfErrorCode = keyof RpfErrorClassOfCode;

/**
 * Each code rpf's errors have, and its one class: the type that class's `isInstance` narrows to,
 * and the class `deserializeError` revives for the code.
 */
interface RpfErrorClassOfCode {
  invalid_argument: InvalidArgumentError;
  invalid_data: DataError;
  shape_mismatch: ShapeError;
  invalid_model_file: ModelFormatError;
  unsupported: UnsupportedError;
  backend_unavailable: BackendUnavailableError;
  aborted: AbortedError;
  diverged: DivergenceError;
  non_finite_output: NonFiniteOutputError;
  job_failed: JobFailedError;
}

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

/** An RpfError whose code is `Code`: what the parent `rpfErrorClass` makes for that code constructs. */
interface RpfErrorOf<Code extends RpfErrorCode> extends RpfError {
  readonly code: Code;
}

/** What `rpfErrorClass` makes: the parent of the one class of `Code`. */
interface RpfErrorClassParent<Code extends RpfErrorCode> {
  new (message: string, details?: RpfErrorDetails, cause?: unknown): RpfErrorOf<Code>;
  /** Whether `value` is of this class, from this copy of the package or any other. */
  isInstance(value: unknown): value is RpfErrorClassOfCode[Code];
}

/** A class of rpf errors constructed as (message, details?, cause?): what rpfErrorSubclass extends. */
export type RpfErrorConstructor<E extends RpfError = RpfError> = new (
  message: string,
  details?: RpfErrorDetails,
  cause?: unknown,
) => E;

/** What `rpfErrorSubclass` makes: a parent whose instances are `E` named `Name`, with its own isInstance. */
export interface RpfErrorSubclassParent<E extends RpfError, Name extends string> {
  new (message: string, details?: RpfErrorDetails, cause?: unknown): E & { readonly name: Name };
  /** Whether `value` is of this class, from this copy of the package or any other. */
  isInstance(value: unknown): value is E & { readonly name: Name };
}

/**
 * The parent of a subclass of the rpf error class `base`, for a more specific kind of error (in
 * core, or in a package built on it, such as @rpf/queue's QueueUnavailableError, a kind of
 * BackendUnavailableError): its literal `name`, its `Symbol.for("rpf.error.<name>")` marker and
 * the `isInstance` that looks for it, written here once for every class. A class that got one of
 * these wrong (a name left to the minifier, a marker spelt unlike its neighbours') would fail only
 * in a bundle or against a second copy of the package. The code, details and cause are `base`'s;
 * `instanceof` and `base.isInstance` hold for the subclass's instances too.
 *
 * @example
 * export class QueueUnavailableError extends rpfErrorSubclass(BackendUnavailableError, "QueueUnavailableError") {}
 * @param base - a class of rpf errors constructed as (message, details?, cause?).
 * @param name - the class's name as a literal (it survives minification); also names the marker,
 *   which every copy of the package shares, so it must be unique among rpf's errors.
 */
export function rpfErrorSubclass<E extends RpfError, const Name extends string>(
  base: RpfErrorConstructor<E>,
  name: Name,
): RpfErrorSubclassParent<E, Name> {
  const marker = Symbol.for(`rpf.error.${name}`);
  // TypeScript lets a class extend a constructor parameter only as `new (...args: any[])`.
  const Base = base as unknown as new (...args: [string, RpfErrorDetails?, unknown?]) => RpfError;
  return class extends Base {
    override readonly name: string = name;

    constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
      super(message, details, cause);
      (this as Record<symbol, unknown>)[marker] = true;
    }

    static isInstance(value: unknown): boolean {
      return hasMarker(value, marker);
    }
  } as unknown as RpfErrorSubclassParent<E, Name>;
}

/**
 * The parent of one of core's RpfError classes, the one class of `code`: rpfErrorSubclass of an
 * RpfError that always has that code. Its `code` narrows to the literal, so no two classes' types
 * are alike, and its isInstance narrows to the class of the code.
 *
 * @param name - the class's name as a literal, as for rpfErrorSubclass.
 * @param code - the code every instance has.
 */
function rpfErrorClass<const Code extends RpfErrorCode>(name: string, code: Code): RpfErrorClassParent<Code> {
  class OfCode extends RpfError {
    declare readonly code: Code;
    constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
      super(code, message, details, cause);
    }
  }
  return rpfErrorSubclass(OfCode, name) as unknown as RpfErrorClassParent<Code>;
}

/** A spec value or option outside what is accepted: the caller's usage is wrong. */
export class InvalidArgumentError extends rpfErrorClass("InvalidArgumentError", "invalid_argument") {}

/** Data that cannot be used: missing columns, non-numeric or non-finite cells, no rows. */
export class DataError extends rpfErrorClass("DataError", "invalid_data") {}

/** Arrays whose lengths or shapes do not fit the ensemble. */
export class ShapeError extends rpfErrorClass("ShapeError", "shape_mismatch") {}

/** A model file that is truncated, edited, of an unknown version, or not an rpf model. */
export class ModelFormatError extends rpfErrorClass("ModelFormatError", "invalid_model_file") {}

/** A capability the chosen backend does not have (for instance training on an inference backend). */
export class UnsupportedError extends rpfErrorClass("UnsupportedError", "unsupported") {}

/** No backend or device matched the request; the message lists every candidate and why it failed. */
export class BackendUnavailableError extends rpfErrorClass("BackendUnavailableError", "backend_unavailable") {}

/**
 * Work stopped because its AbortSignal fired. Its `name` is "AbortError", the platform's name for
 * an abort (`DOMException`, fetch, Node's timers), so code written for those (`error.name ===
 * "AbortError"`) treats rpf's aborts alike; its code stays "aborted" and `AbortedError.isInstance`
 * tells rpf's from others'.
 *
 * @param cause - the signal's `reason`, when there is one.
 */
export class AbortedError extends rpfErrorClass("AbortedError", "aborted") {
  override readonly name: string = "AbortError";
  constructor(message = "the operation was aborted", details: RpfErrorDetails = {}, cause?: unknown) {
    super(message, details, cause);
  }
}

/** Training produced a non-finite loss; the message and `details` name the member and the epoch. */
export class DivergenceError extends rpfErrorClass("DivergenceError", "diverged") {
  constructor(
    readonly member: number,
    readonly epoch: number,
    cause?: unknown,
  ) {
    super(
      `training diverged: member ${member} had a non-finite loss in epoch ${epoch}; try a smaller learning rate`,
      { field: "optimizer.learningRate", member, epoch },
      cause,
    );
  }
}

/**
 * A result that is not a finite number: a prediction beyond float32's range (±3.4e38) or undefined
 * there, or a report value that overflowed. `rows` are the 0-based rows whose outputs are not
 * finite (empty when the value is not a per-row output; then `details.rows` is absent); the
 * message counts them from 1.
 */
export class NonFiniteOutputError extends rpfErrorClass("NonFiniteOutputError", "non_finite_output") {
  constructor(
    message: string,
    details: RpfErrorDetails = {},
    readonly rows: readonly number[] = [],
    cause?: unknown,
  ) {
    super(message, rows.length > 0 ? { ...details, rows } : details, cause);
  }
}

/**
 * A job of a fit or sweep run through a JobRunner (docs/jobs.md) failed for good: it threw, or
 * kept failing on every retry the runner allows. `job` (also `details.job`) is its id; `cause`
 * is the error it last failed with.
 */
export class JobFailedError extends rpfErrorClass("JobFailedError", "job_failed") {
  constructor(
    readonly job: string,
    message?: string,
    details: RpfErrorDetails = {},
    cause?: unknown,
  ) {
    super(
      message ??
        `job ${job} failed${cause instanceof Error ? `: ${cause.message}` : ""}; the run stopped without a model`,
      { ...details, job },
      cause,
    );
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
