import type { DeviceInfo, DeviceName } from "@rpf/core";
import { createDeviceTable, type Environment } from "@rpf/core/backend";
import * as tf from "@tensorflow/tfjs-core";

/**
 * rpf device → the TensorFlow.js backend that runs it, and the package that registers it.
 * `node` is @tensorflow/tfjs-node (libtensorflow on the CPU), `cuda` its GPU build.
 */
interface TfjsDevice {
  readonly tfName: string;
  readonly module: string;
  readonly environment: Environment | "any";
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

/** Custom module loaders, for bundlers that cannot resolve dynamic imports (set by the app). */
const loaders = new Map<DeviceName, () => Promise<unknown>>();

/**
 * Sets how `device`'s TensorFlow.js backend package is loaded (for bundlers that cannot follow a dynamic import); its readiness is probed again.
 */
export function setTfjsDeviceLoader(device: DeviceName, load: () => Promise<unknown>): void {
  loaders.set(device, load);
  table.forget(device);
}

async function tryStart(spec: TfjsDevice, device: DeviceName): Promise<string | null> {
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

const table = createDeviceTable<TfjsDevice>({
  backend: "tfjs",
  title: "TensorFlow.js",
  entries: TFJS_DEVICE_ORDER.map((device) => {
    const spec = TFJS_DEVICES[device]!;
    const routes = spec.environment === "any" ? { node: spec, browser: spec } : { [spec.environment]: spec };
    return { device, routes };
  }),
  probe: tryStart,
  describe: (spec) => `tfjs "${spec.tfName}"`,
});

/** Every TensorFlow.js device, in `auto` order, available here or not (with why). Each is probed once. */
export function listTfjsDevices(): Promise<DeviceInfo[]> {
  return table.list();
}

/**
 * Picks the device for a request ("auto" → the first that starts) and makes it tfjs's active backend.
 * @throws {BackendUnavailableError} when the device (or, for "auto", every device) cannot start here.
 */
export async function startDevice(requested: DeviceName): Promise<{ device: DeviceName; tfName: string }> {
  const { device, route } = await table.start(requested);
  await useTfBackend(route.tfName);
  return { device, tfName: route.tfName };
}

/** tfjs has one active backend per process; each handle re-selects its own before working. */
export async function useTfBackend(tfName: string): Promise<void> {
  if (tf.getBackend() !== tfName) await tf.setBackend(tfName);
}
