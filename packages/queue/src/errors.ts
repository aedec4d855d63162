import { BackendUnavailableError, type RpfErrorDetails } from "@rpf/core";

const QUEUE_UNAVAILABLE_MARKER = Symbol.for("rpf.error.QueueUnavailableError");
const NO_WORKERS_MARKER = Symbol.for("rpf.error.NoWorkersError");

/**
 * The queue's Redis cannot be reached: nothing listens at the URL, it refused us, or the
 * connection was lost and did not come back within the reconnect window. A kind of
 * BackendUnavailableError (code "backend_unavailable"): the place the work was to run is not there.
 * `details.where` is the URL (without its password).
 */
export class QueueUnavailableError extends BackendUnavailableError {
  override readonly name: string = "QueueUnavailableError";
  readonly [QUEUE_UNAVAILABLE_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super(message, details, cause);
  }

  /** Whether `value` is a QueueUnavailableError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is QueueUnavailableError {
    return typeof value === "object" && value !== null && QUEUE_UNAVAILABLE_MARKER in value;
  }
}

/**
 * The queue was reachable but no worker served it for the whole wait the caller allowed
 * (`noWorkersTimeoutMs`, the CLI's --queue-timeout). A kind of BackendUnavailableError.
 */
export class NoWorkersError extends BackendUnavailableError {
  override readonly name: string = "NoWorkersError";
  readonly [NO_WORKERS_MARKER] = true;
  constructor(message: string, details: RpfErrorDetails = {}, cause?: unknown) {
    super(message, details, cause);
  }

  /** Whether `value` is a NoWorkersError, from this copy of the package or any other. */
  static override isInstance(value: unknown): value is NoWorkersError {
    return typeof value === "object" && value !== null && NO_WORKERS_MARKER in value;
  }
}
