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
 * - `rpfErrorClass` writes the name, marker, code and `isInstance` of each subclass, once for all;
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

/**
 * The parent of one RpfError subclass: its literal `name`, its `code`, its `Symbol.for` marker and
 * the `isInstance` that looks for it. Each of these had been written out again in every class, and
 * a class that got one piece wrong (a name left to the minifier, a marker spelt unlike its
 * neighbours') failed only in a bundle or against a second copy of the package; made here, a new
 * class cannot miss one. The subclass stays a `class` of its own (`instanceof` holds), and its
 * `code` narrows to its literal, so no two classes' types are alike.
 *
 * @param name - the class's name as a literal (it survives minification); also names the marker
 *   `Symbol.for("rpf.error.<name>")`, which copies of the package share.
 * @param code - the code every instance has.
 */
function rpfErrorClass<const Code extends RpfErrorCode>(name: string, code: Code): RpfErrorClassParent<Code> {
  const marker = Symbol.for(`rpf.error.${name}`);
  return class extends RpfError {
    override readonly name: string = name;
    declare readonly code: Code;

    constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
      super(code, message, details, cause);
      (this as Record<symbol, unknown>)[marker] = true;
    }

    static override isInstance(value: unknown): value is RpfErrorClassOfCode[Code] {
      return hasMarker(value, marker);
    }
  };
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
