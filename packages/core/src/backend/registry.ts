import { BackendUnavailableError, InvalidArgumentError, isRpfError, UnsupportedError } from "../errors.js";
import type { HeadName } from "../spec/names.js";
import { BACKEND_CONTRACT_VERSION, type Backend, type DeviceInfo } from "./contract.js";

/** The jobs a backend may be picked for. */
type Job = "train" | "infer";

import { type BackendRequest, type DeviceName, parseBackendRequest } from "./devices.js";

interface Registration {
  readonly backend: Backend;
  readonly priority: number;
  /** Overrides `priority` when choosing a backend for one job (a backend may infer fast but train slowly). */
  readonly priorityFor: Partial<Record<Job, number>>;
}

const registry = new Map<string, Registration>();

/** How `registerBackend` ranks a backend against the others when a request says "auto". */
export interface RegisterOptions {
  /** A higher priority wins when the request is "auto". */
  readonly priority?: number;
  /** Per-job priorities, e.g. `{ infer: 20 }` for a backend that is the fastest at inference. */
  readonly priorityFor?: Partial<Record<Job, number>>;
}

/**
 * Registers a backend (replacing one of the same name).
 * @throws {InvalidArgumentError} when the backend implements another contract version than BACKEND_CONTRACT_VERSION.
 */
export function registerBackend(backend: Backend, options: RegisterOptions = {}): void {
  if (backend.contractVersion !== BACKEND_CONTRACT_VERSION) {
    throw new InvalidArgumentError(
      `backend "${backend.name}" implements contract v${backend.contractVersion}; this core needs v${BACKEND_CONTRACT_VERSION}`,
    );
  }
  registry.set(backend.name, { backend, priority: options.priority ?? 0, priorityFor: options.priorityFor ?? {} });
}

/** Removes the backend registered under `name`; nothing happens when there is none. */
export function unregisterBackend(name: string): void {
  registry.delete(name);
}

/** Registered backends, highest priority first (for `need`, when given). */
export function registeredBackends(need?: Job): Backend[] {
  const rank = (r: Registration) => (need ? (r.priorityFor[need] ?? r.priority) : r.priority);
  return [...registry.values()].sort((a, b) => rank(b) - rank(a)).map((r) => r.backend);
}

/** The backend and device `resolveBackend` picked, with what it passed over on the way. */
export interface ResolvedBackend {
  readonly backend: Backend;
  readonly device: DeviceName;
  /** Backends or devices that were tried first and why they were passed over. */
  readonly skipped: readonly string[];
}

interface DevicePick {
  readonly device?: DeviceName;
  readonly reason?: string;
  /** For "auto": the devices listed before the chosen one, with why each was passed over. */
  readonly passedOver?: readonly string[];
}

async function pickDevice(backend: Backend, device: DeviceName): Promise<DevicePick> {
  let devices: readonly DeviceInfo[];
  try {
    devices = await backend.listDevices();
  } catch (error) {
    return {
      reason: `listing devices failed: ${isRpfError(error) || error instanceof Error ? error.message : String(error)}`,
    };
  }
  const available = devices.filter((d) => d.available);
  if (device === "auto") {
    const index = devices.findIndex((d) => d.available);
    if (index < 0) return { reason: "no device is available" };
    const passedOver = devices.slice(0, index).map((d) => `${backend.name}:${d.name} (${d.detail ?? "unavailable"})`);
    return { device: devices[index]!.name, passedOver };
  }
  const match = devices.find((d) => d.name === device);
  if (match?.available) return { device };
  const why = match
    ? `device "${device}" is unavailable${match.detail ? ` (${match.detail})` : ""}`
    : `device "${device}" is not supported`;
  return { reason: `${why}; available: ${available.map((d) => d.name).join(", ") || "none"}` };
}

/** Why `backend` cannot run a spec with this head, or null when it can. */
export function unsupportedHeadReason(backend: Backend, head: HeadName): string | null {
  return backend.capabilities.heads.includes(head)
    ? null
    : `backend "${backend.name}" does not compute the "${head}" head (it computes: ${backend.capabilities.heads.join(", ")})`;
}

/**
 * Picks a backend and device for a request such as "auto", "matrix" or "tfjs:wasm". With "auto" it
 * tries registered backends by priority; when nothing fits, one error lists every candidate and
 * why it failed (as onnxruntime-common's resolveBackendAndExecutionProviders does).
 * @throws {InvalidArgumentError} for a malformed request or a backend name nobody registered.
 * @throws {UnsupportedError} when the named backend cannot do `need` or compute `head`.
 * @throws {BackendUnavailableError} when no candidate has an available device; the message lists each and why.
 */
export async function resolveBackend(
  request: string | BackendRequest,
  need: Job = "infer",
  head: HeadName = "mse",
): Promise<ResolvedBackend> {
  const { backend: name, device } = typeof request === "string" ? parseBackendRequest(request) : request;
  const candidates =
    name === "auto" ? registeredBackends(need) : [registry.get(name)?.backend].filter((b) => b !== undefined);
  if (candidates.length === 0) {
    const known = registeredBackends().map((b) => b.name);
    throw new InvalidArgumentError(
      `unknown backend "${name}"; accepted: auto${known.length ? `, ${known.join(", ")}` : ""}`,
      { field: "backend", accepted: ["auto", ...known].join(", ") },
    );
  }
  const skipped: string[] = [];
  for (const backend of candidates) {
    if (!backend.capabilities[need]) {
      if (name !== "auto") {
        throw new UnsupportedError(`backend "${backend.name}" cannot ${need === "train" ? "train" : "run inference"}`, {
          field: "backend",
        });
      }
      skipped.push(`${backend.name}: cannot ${need}`);
      continue;
    }
    const headProblem = unsupportedHeadReason(backend, head);
    if (headProblem) {
      if (name !== "auto")
        throw new UnsupportedError(headProblem, { field: "head", accepted: backend.capabilities.heads.join(", ") });
      skipped.push(headProblem);
      continue;
    }
    const picked = await pickDevice(backend, device);
    if (picked.device) return { backend, device: picked.device, skipped: [...skipped, ...(picked.passedOver ?? [])] };
    skipped.push(`${backend.name}: ${picked.reason}`);
  }
  throw new BackendUnavailableError(
    `no backend can ${need} on "${typeof request === "string" ? request : `${name}:${device}`}": ${skipped.join("; ")}`,
    {
      field: "backend",
    },
  );
}
