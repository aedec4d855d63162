import { BackendUnavailableError, type DeviceInfo, type DeviceName } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";

/**
 * rpf device → the TensorFlow.js backend that runs it, and the package that registers it.
 * `node` is @tensorflow/tfjs-node (libtensorflow on the CPU), `cuda` its GPU build.
 */
interface TfjsDevice {
  readonly tfName: string;
  readonly module: string;
  readonly environment: "node" | "browser" | "any";
}

/** The TensorFlow.js backend and package behind each rpf device tfjs can run on. */
export const TFJS_DEVICES: Readonly<Partial<Record<DeviceName, TfjsDevice>>> = {
  cuda: { tfName: "tensorflow", module: "@tensorflow/tfjs-node-gpu", environment: "node" },
  node: { tfName: "tensorflow", module: "@tensorflow/tfjs-node", environment: "node" },
  webgpu: { tfName: "webgpu", module: "@tensorflow/tfjs-backend-webgpu", environment: "browser" },
  webgl: { tfName: "webgl", module: "@tensorflow/tfjs-backend-webgl", environment: "browser" },
  wasm: { tfName: "wasm", module: "@tensorflow/tfjs-backend-wasm", environment: "any" },
  cpu: { tfName: "cpu", module: "@tensorflow/tfjs-backend-cpu", environment: "any" },
};

/** Devices in the order `auto` tries them: native and GPU first, then wasm, then plain JS. */
export const TFJS_DEVICE_ORDER: readonly DeviceName[] = ["cuda", "node", "webgpu", "webgl", "wasm", "cpu"];

const isNode = typeof process !== "undefined" && typeof process.versions?.node === "string";

/** Custom module loaders, for bundlers that cannot resolve dynamic imports (set by the app). */
const loaders = new Map<DeviceName, () => Promise<unknown>>();

/**
 * Sets how `device`'s TensorFlow.js backend package is loaded (for bundlers that cannot follow a dynamic import); its readiness is probed again.
 */
export function setTfjsDeviceLoader(device: DeviceName, load: () => Promise<unknown>): void {
  loaders.set(device, load);
  readiness.delete(device);
}

const readiness = new Map<DeviceName, Promise<string | null>>();

async function tryStart(device: DeviceName, spec: TfjsDevice): Promise<string | null> {
  if (spec.environment !== "any" && (spec.environment === "node") !== isNode) {
    return `only in ${spec.environment === "node" ? "Node.js" : "browsers"}`;
  }
  try {
    const load = loaders.get(device) ?? (() => import(/* @vite-ignore */ spec.module));
    await load();
  } catch {
    const how =
      spec.environment === "node"
        ? `; to enable it, install ${spec.module} next to @rpf/backend-tfjs (see its README)`
        : "";
    return `${spec.module} is not installed${how}`;
  }
  try {
    const ok = await tf.setBackend(spec.tfName);
    return ok ? null : `TensorFlow.js backend "${spec.tfName}" failed to initialise`;
  } catch (error) {
    return `TensorFlow.js backend "${spec.tfName}" failed: ${(error as Error).message.split("\n")[0]}`;
  }
}

/** Null when the device can run here, else why not. Each device is probed once per process. */
export function deviceProblem(device: DeviceName): Promise<string | null> {
  const spec = TFJS_DEVICES[device];
  if (!spec) return Promise.resolve("not a TensorFlow.js device");
  let pending = readiness.get(device);
  if (!pending) {
    pending = tryStart(device, spec);
    readiness.set(device, pending);
  }
  return pending;
}

export async function listTfjsDevices(): Promise<DeviceInfo[]> {
  const infos: DeviceInfo[] = [];
  for (const device of TFJS_DEVICE_ORDER) {
    const problem = await deviceProblem(device);
    infos.push(
      problem
        ? { name: device, available: false, detail: problem }
        : { name: device, available: true, detail: `tfjs "${TFJS_DEVICES[device]!.tfName}"` },
    );
  }
  return infos;
}

/** Picks the device for a request ("auto" → the first that starts) and makes it tfjs's active backend. */
export async function startDevice(requested: DeviceName): Promise<{ device: DeviceName; tfName: string }> {
  if (requested === "auto") {
    const problems: string[] = [];
    for (const device of TFJS_DEVICE_ORDER) {
      const problem = await deviceProblem(device);
      if (!problem) return activate(device);
      problems.push(`${device}: ${problem}`);
    }
    throw new BackendUnavailableError(`no TensorFlow.js device can start here (${problems.join("; ")})`, {
      field: "device",
    });
  }
  const problem = await deviceProblem(requested);
  if (problem) {
    const available = (await listTfjsDevices()).filter((d) => d.available).map((d) => d.name);
    throw new BackendUnavailableError(
      `tfjs device "${requested}" is unavailable: ${problem}; available: ${available.join(", ") || "none"}`,
      {
        field: "device",
        accepted: available.join(", "),
      },
    );
  }
  return activate(requested);
}

async function activate(device: DeviceName): Promise<{ device: DeviceName; tfName: string }> {
  const tfName = TFJS_DEVICES[device]!.tfName;
  await useTfBackend(tfName);
  return { device, tfName };
}

/** tfjs has one active backend per process; each handle re-selects its own before working. */
export async function useTfBackend(tfName: string): Promise<void> {
  if (tf.getBackend() !== tfName) await tf.setBackend(tfName);
}
