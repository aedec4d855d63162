import { BackendUnavailableError } from "../errors.js";
import type { DeviceInfo } from "./contract.js";
import type { DeviceName } from "./devices.js";
import { currentEnvironment, type Environment } from "./environment.js";

/** One device a backend knows: how it runs in each environment it runs in (a backend's own route type). */
export interface DeviceEntry<Route> {
  readonly device: DeviceName;
  readonly routes: Partial<Record<Environment, Route>>;
}

/** What createDeviceTable needs from a backend: its names, its devices with their routes, and its probe. */
export interface DeviceTableOptions<Route> {
  /** The backend's registered name, as messages quote it: "tfjs". */
  readonly backend: string;
  /** What its devices are called in a sentence: "TensorFlow.js", "ONNX". */
  readonly title: string;
  /** Every device the backend knows, in the order `auto` tries them (fastest first). */
  readonly entries: readonly DeviceEntry<Route>[];
  /** Starts a device's route once: null when it works here, else why not (one line, for a message). */
  readonly probe: (route: Route, device: DeviceName) => Promise<string | null>;
  /** What an available device runs on, for `listDevices`: "onnxruntime-node, cpu execution provider". */
  readonly describe: (route: Route, device: DeviceName) => string;
  /** The environment to route for; the one this module loaded in unless a test says otherwise. */
  readonly environment?: Environment;
}

/** The device a request resolved to, its route, and (for `auto`) the devices passed over, each with why. */
export interface StartedDevice<Route> {
  readonly device: DeviceName;
  readonly route: Route;
  readonly skipped: readonly string[];
}

/** A backend's devices: probed once each, listed in one order, `auto` resolved the same way for every backend. */
export interface DeviceTable<Route> {
  /** The route of a device in this environment, or undefined where it has none. */
  routeFor(device: DeviceName): Route | undefined;
  /** Null when the device can run here, else why not; each device is probed at most once (until `forget`). */
  problem(device: DeviceName): Promise<string | null>;
  /** Every device the backend knows, in `auto` order, each available or not with the reason. */
  list(): Promise<DeviceInfo[]>;
  /**
   * Resolves a request: `auto` → the first device (in the table's order) of this environment that
   * starts; any other name → that device.
   * @throws {BackendUnavailableError} naming why the device (or, for `auto`, each device) cannot start and which devices are available.
   */
  start(requested: DeviceName): Promise<StartedDevice<Route>>;
  /** Drops a device's probe result, so the next request probes it again (after its loader changed). */
  forget(device: DeviceName): void;
}

function otherEnvironment(environment: Environment): Environment {
  return environment === "node" ? "browser" : "node";
}

function environmentName(environment: Environment): string {
  return environment === "node" ? "Node.js" : "browsers";
}

/**
 * Builds a backend's device table from its routes and its probe. Probing is the backend's own
 * business (loading a package, opening a session); the order, the caching, `auto` and the
 * "available: …" messages are the same for every backend and live here.
 */
export function createDeviceTable<Route>(options: DeviceTableOptions<Route>): DeviceTable<Route> {
  const environment = options.environment ?? currentEnvironment;
  const probes = new Map<DeviceName, Promise<string | null>>();
  const entryOf = (device: DeviceName) => options.entries.find((entry) => entry.device === device);
  const routeFor = (device: DeviceName) => entryOf(device)?.routes[environment];

  function problem(device: DeviceName): Promise<string | null> {
    const entry = entryOf(device);
    if (!entry) return Promise.resolve(`not a ${options.title} device`);
    const route = entry.routes[environment];
    if (route === undefined) {
      const elsewhere = entry.routes[otherEnvironment(environment)] !== undefined;
      return Promise.resolve(
        elsewhere
          ? `only in ${environmentName(otherEnvironment(environment))}`
          : `not available in ${environmentName(environment)}`,
      );
    }
    let pending = probes.get(device);
    if (!pending) {
      pending = options.probe(route, device);
      probes.set(device, pending);
    }
    return pending;
  }

  async function list(): Promise<DeviceInfo[]> {
    const infos: DeviceInfo[] = [];
    for (const { device } of options.entries) {
      const why = await problem(device);
      infos.push(
        why === null
          ? { name: device, available: true, detail: options.describe(routeFor(device)!, device) }
          : { name: device, available: false, detail: why },
      );
    }
    return infos;
  }

  async function start(requested: DeviceName): Promise<StartedDevice<Route>> {
    const skipped: string[] = [];
    const candidates =
      requested === "auto"
        ? options.entries.filter((entry) => entry.routes[environment] !== undefined).map((entry) => entry.device)
        : [requested];
    for (const device of candidates) {
      const why = await problem(device);
      if (why === null) return { device, route: routeFor(device)!, skipped };
      skipped.push(`${device}: ${why}`);
    }
    const available = (await list()).filter((info) => info.available).map((info) => info.name);
    const reason =
      requested === "auto"
        ? `no ${options.title} device can start here: ${skipped.join("; ")}`
        : `${options.backend} device "${requested}" is unavailable: ${await problem(requested)}`;
    throw new BackendUnavailableError(`${reason}; available: ${available.join(", ") || "none"}`, {
      field: "device",
      accepted: available.join(", "),
    });
  }

  return { routeFor, problem, list, start, forget: (device) => probes.delete(device) };
}
