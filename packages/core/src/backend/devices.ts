import { InvalidArgumentError } from "../errors.js";

/**
 * Every device name rpf knows, in one place. `auto` means the fastest device that works here;
 * backends say which of the others they can run on.
 */
export const DEVICE_NAMES = [
  "auto",
  "cpu",
  "wasm",
  "webgl",
  "webgpu",
  "node",
  "cuda",
  "tensorrt",
  "webnn",
  "coreml",
  "dml",
] as const;
/** One of DEVICE_NAMES: where a backend runs ("auto" lets the registry pick). */
export type DeviceName = (typeof DEVICE_NAMES)[number];

/** Whether `value` is one of DEVICE_NAMES (case-sensitive; parseBackendRequest lower-cases first). */
export function isDeviceName(value: unknown): value is DeviceName {
  return typeof value === "string" && (DEVICE_NAMES as readonly string[]).includes(value);
}

/** A parsed `--backend` value: a backend name (or "auto") and a device (default "auto"). */
export interface BackendRequest {
  /** A backend name, or "auto" for the highest-priority backend that can do the job. */
  readonly backend: string;
  readonly device: DeviceName;
}

/**
 * Parses "matrix", "tfjs:wasm", "auto" into a backend name and a device.
 * @throws {InvalidArgumentError} for more than one ":" or an empty name, or a device outside DEVICE_NAMES.
 */
export function parseBackendRequest(text: string): BackendRequest {
  const [backend = "", device = "auto", ...rest] = text.trim().toLowerCase().split(":");
  if (backend === "" || rest.length > 0) {
    throw new InvalidArgumentError(`backend ${JSON.stringify(text)} is not of the form NAME or NAME:DEVICE`, {
      field: "backend",
    });
  }
  if (!isDeviceName(device)) {
    throw new InvalidArgumentError(
      `unknown device ${JSON.stringify(device)} in ${JSON.stringify(text)}; accepted: ${DEVICE_NAMES.join(", ")}`,
      { field: "backend", accepted: DEVICE_NAMES.join(", ") },
    );
  }
  return { backend, device };
}
