import type { Backend, EnsembleInit } from "./contract.js";
import type { DeviceName } from "./devices.js";
import { HandleSession } from "./handle-session.js";
import { resolveBackend } from "./registry.js";

/** Where an ensemble runs: the backend (default "auto") and, for a backend given by name, the device. */
export interface EnsembleOptions {
  /** A backend name ("matrix", "tfjs:wasm", "auto") or a Backend object. Default "auto". */
  backend?: string | Backend;
  device?: DeviceName;
}

/** The backend and device a session was opened on, to open another there (early stopping's best epoch). */
export interface OpenedOn {
  readonly backend: Backend;
  readonly device: DeviceName | undefined;
}

/**
 * Opens a session on the backend `options` asks for (a name is resolved in the registry for
 * `need` and the spec's head; "auto" passes over what cannot run it), for an ensemble or a
 * job's group of members (`init`).
 * @returns the session, what "auto" passed over and why, and where it opened.
 * @throws {InvalidArgumentError} for an unknown backend name, or a bad init.memberOffset.
 * @throws {UnsupportedError} when the backend cannot do `need` or compute the spec's head.
 * @throws {BackendUnavailableError} when no backend or device can run it.
 * @throws {ShapeError} when the backend refuses the parameters or training state.
 */
export async function openSession(
  init: EnsembleInit,
  options: EnsembleOptions,
  need: "train" | "infer",
): Promise<{ session: HandleSession; passedOver: readonly string[]; opened: OpenedOn }> {
  const request = options.backend ?? "auto";
  if (typeof request === "string") {
    const resolved = await resolveBackend(
      options.device && !request.includes(":") ? `${request}:${options.device}` : request,
      need,
      init.spec.head,
    );
    const opened = { backend: resolved.backend, device: resolved.device };
    return {
      session: await HandleSession.open(opened.backend, init, opened.device),
      passedOver: resolved.skipped,
      opened,
    };
  }
  const opened = { backend: request, device: options.device };
  return { session: await HandleSession.open(request, init, options.device), passedOver: [], opened };
}
