import { BackendUnavailableError, rpfErrorSubclass } from "@rpf/core";

/**
 * The queue's Redis cannot be reached: nothing listens at the URL, it refused us, or the
 * connection was lost and did not come back within the reconnect window. A kind of
 * BackendUnavailableError (code "backend_unavailable"): the place the work was to run is not there.
 * `details.where` is the URL (without its password).
 */
export class QueueUnavailableError extends rpfErrorSubclass(BackendUnavailableError, "QueueUnavailableError") {}

/**
 * The queue was reachable but no worker served it for the whole wait the caller allowed
 * (`noWorkersTimeoutMs`, the CLI's --queue-timeout). A kind of BackendUnavailableError.
 */
export class NoWorkersError extends rpfErrorSubclass(BackendUnavailableError, "NoWorkersError") {}
