import {
  AbortedError,
  BackendUnavailableError,
  DataError,
  DivergenceError,
  InvalidArgumentError,
  isRpfError,
  JobFailedError,
  ModelFormatError,
  NonFiniteOutputError,
  RpfError,
  type RpfErrorCode,
  type RpfErrorDetails,
  ShapeError,
  UnsupportedError,
} from "./errors.js";

/**
 * An error as plain JSON: what crosses a worker boundary (structured cloning keeps neither an
 * error's class nor its own fields) and what the CLI prints for `--json`.
 */
export interface SerializedError {
  /** The error's `name` ("InvalidArgumentError", "AbortError", "TypeError"). */
  readonly name: string;
  /**
   * rpf's code for an rpf error; for another error its own string code (Node's "ENOENT"), unless
   * that is one of rpf's codes (it would revive as an rpf error); otherwise null.
   */
  readonly code: string | null;
  readonly message: string;
  /** An rpf error's details; empty for any other error. */
  readonly details: RpfErrorDetails;
  /** The error's `cause`, serialized the same way, when it has one. */
  readonly cause?: SerializedError;
}

/** How each code's class is made again from its message, details and cause. */
const REVIVERS: {
  readonly [C in RpfErrorCode]: (message: string, details: RpfErrorDetails, cause: unknown) => RpfError;
} = {
  invalid_argument: (message, details, cause) => new InvalidArgumentError(message, details, cause),
  invalid_data: (message, details, cause) => new DataError(message, details, cause),
  shape_mismatch: (message, details, cause) => new ShapeError(message, details, cause),
  invalid_model_file: (message, details, cause) => new ModelFormatError(message, details, cause),
  unsupported: (message, details, cause) => new UnsupportedError(message, details, cause),
  backend_unavailable: (message, details, cause) => new BackendUnavailableError(message, details, cause),
  aborted: (message, details, cause) => new AbortedError(message, details, cause),
  // Its message is made from the member and the epoch; without them it is an RpfError of its code.
  diverged: (message, details, cause) =>
    details.member !== undefined && details.epoch !== undefined
      ? new DivergenceError(details.member, details.epoch, cause)
      : new RpfError("diverged", message, details, cause),
  non_finite_output: (message, details, cause) => new NonFiniteOutputError(message, details, details.rows, cause),
  // Without the job's id it names nothing: an RpfError of its code, as for "diverged".
  job_failed: (message, details, cause) =>
    details.job === undefined
      ? new RpfError("job_failed", message, details, cause)
      : new JobFailedError(details.job, message, details, cause),
};

function isRpfErrorCode(code: unknown): code is RpfErrorCode {
  return typeof code === "string" && Object.hasOwn(REVIVERS, code);
}

/** A chain of causes longer than this is cut: a cycle, or a hostile message, must not recurse forever. */
const MAX_CAUSES = 16;

type Fields = Partial<Record<keyof RpfErrorDetails | "name" | "code" | "message" | "details" | "cause", unknown>>;

function fieldsOf(value: unknown): Fields {
  return typeof value === "object" && value !== null ? (value as Fields) : {};
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * The details of the known kinds, each only when of its type: details come from another thread or
 * a file, and what they hold must print as JSON.
 */
function readDetails(value: unknown): RpfErrorDetails {
  const fields = fieldsOf(value);
  const details: RpfErrorDetails = {};
  if (typeof fields.field === "string") details.field = fields.field;
  if (typeof fields.accepted === "string") details.accepted = fields.accepted;
  if (typeof fields.where === "string") details.where = fields.where;
  if (isCount(fields.member)) details.member = fields.member;
  if (isCount(fields.epoch)) details.epoch = fields.epoch;
  if (Array.isArray(fields.rows) && fields.rows.every(isCount)) details.rows = [...fields.rows];
  if (typeof fields.job === "string") details.job = fields.job;
  return details;
}

/** The message of something thrown that need not be an Error (a string, an object, undefined). */
function messageOf(value: unknown): string {
  const message = fieldsOf(value).message;
  if (typeof message === "string") return message;
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function serializeAt(error: unknown, depth: number): SerializedError {
  const fields = fieldsOf(error);
  const rpf = isRpfError(error);
  const code = rpf ? error.code : typeof fields.code === "string" && !isRpfErrorCode(fields.code) ? fields.code : null;
  const serialized: SerializedError = {
    name: typeof fields.name === "string" ? fields.name : "Error",
    code,
    message: messageOf(error),
    details: rpf ? readDetails(error.details) : {},
  };
  const cause = fields.cause;
  if (cause === undefined || depth >= MAX_CAUSES) return serialized;
  return { ...serialized, cause: serializeAt(cause, depth + 1) };
}

/**
 * Anything thrown, as plain JSON that `deserializeError` turns back into an error of the same
 * class. An rpf error keeps its name, code, message, details and causes; any other error keeps
 * its name, message, string code and causes; a thrown non-error becomes its text.
 */
export function serializeError(error: unknown): SerializedError {
  return serializeAt(error, 0);
}

function reviveAt(value: unknown, depth: number): Error {
  const fields = fieldsOf(value);
  const message = messageOf(value);
  const cause = fields.cause === undefined || depth >= MAX_CAUSES ? undefined : reviveAt(fields.cause, depth + 1);
  if (isRpfErrorCode(fields.code)) {
    const details = readDetails(fields.details);
    // The base class thrown as it is (with any code) stays the base class.
    if (fields.name === "RpfError") return new RpfError(fields.code, message, details, cause);
    return REVIVERS[fields.code](message, details, cause);
  }
  const error = new Error(message, cause === undefined ? undefined : { cause });
  if (typeof fields.name === "string") error.name = fields.name;
  if (typeof fields.code === "string") Object.assign(error, { code: fields.code });
  return error;
}

/**
 * The error that `serializeError` wrote, made again. The class is chosen by `code`: each of rpf's
 * codes revives its class (an InvalidArgumentError for "invalid_argument"; an RpfError for one
 * named "RpfError", whatever its code), with its details and causes, so `isInstance` and `instanceof` hold for it in this copy of the package. Anything else
 * (another error, a code rpf does not know, a value that is not a serialized error at all)
 * becomes a plain Error with what could be read of its name, message and code.
 */
export function deserializeError(value: unknown): Error {
  return reviveAt(value, 0);
}
