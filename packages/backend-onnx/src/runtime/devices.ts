import type { DeviceInfo, DeviceName } from "@rpf/core";
import { createDeviceTable, type StartedDevice } from "@rpf/core/backend";
import { PROVIDER_ROUTES, type ProviderRoute } from "./execution-providers.js";
import { loadRuntime, type OrtRuntime } from "./ort-runtime.js";
import { probeModel } from "./probe-model.js";

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim();
}

const VULKAN_LOADER_DIRS = [
  "/usr/lib/x86_64-linux-gnu",
  "/usr/lib/aarch64-linux-gnu",
  "/usr/lib64",
  "/usr/lib",
  "/usr/local/lib",
];

/**
 * On Linux, onnxruntime-node's WebGPU provider runs on Vulkan; without the Vulkan loader, Dawn
 * prints a native warning to stderr before failing. Checking for the loader first keeps output
 * clean on the (common) machines without a GPU.
 */
async function missingVulkan(route: ProviderRoute): Promise<string | null> {
  if (route.runtime !== "onnxruntime-node" || route.executionProvider !== "webgpu" || process.platform !== "linux")
    return null;
  const { existsSync } = await import("node:fs");
  const dirs = [...(process.env.LD_LIBRARY_PATH?.split(":") ?? []), ...VULKAN_LOADER_DIRS];
  if (dirs.some((dir) => dir && existsSync(`${dir}/libvulkan.so.1`))) return null;
  return "no Vulkan loader (libvulkan.so.1) here; WebGPU in Node needs a GPU with Vulkan drivers";
}

async function whyNot(route: ProviderRoute): Promise<string | null> {
  const noVulkan = await missingVulkan(route);
  if (noVulkan) return noVulkan;
  let runtime: OrtRuntime;
  try {
    runtime = await loadRuntime(route.runtime);
  } catch (error) {
    return `${route.runtime} is not installed (${firstLine(error)})`;
  }
  const shipped = runtime.listSupportedBackends?.().find((b) => b.name === route.executionProvider);
  if (runtime.listSupportedBackends && !shipped) {
    return `${route.runtime} has no ${route.executionProvider} execution provider here${route.installHint ? `; ${route.installHint}` : ""}`;
  }
  if (shipped && !shipped.bundled) {
    return `the ${route.executionProvider} execution provider is not installed${route.installHint ? `: ${route.installHint}` : ""}`;
  }
  try {
    const session = await runtime.InferenceSession.create(probeModel(), {
      executionProviders: [route.executionProvider],
    });
    await session.release();
    return null;
  } catch (error) {
    return `the ${route.executionProvider} execution provider failed to start: ${firstLine(error)}`;
  }
}

const table = createDeviceTable<ProviderRoute>({
  backend: "onnx",
  title: "ONNX",
  entries: PROVIDER_ROUTES,
  probe: whyNot,
  describe: (route) => `${route.runtime}, ${route.executionProvider} execution provider`,
});

/** Every ONNX device, in `auto` order, available here or not (with why). Each is probed once. */
export function listOnnxDevices(): Promise<DeviceInfo[]> {
  return table.list();
}

/**
 * Resolves a request ("auto" → the first device in PROVIDER_ROUTES that starts here).
 * @throws {BackendUnavailableError} when the device (or, for "auto", every device) cannot start here.
 */
export function startDevice(requested: DeviceName): Promise<StartedDevice<ProviderRoute>> {
  return table.start(requested);
}
