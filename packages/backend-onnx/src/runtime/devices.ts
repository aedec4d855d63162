import { BackendUnavailableError, type DeviceInfo, type DeviceName } from "@rpf/core";
import { currentEnvironment, PROVIDER_ROUTES, type ProviderRoute, routeFor } from "./execution-providers.js";
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

const problems = new Map<DeviceName, Promise<string | null>>();

/** Null when the device can run here, else why not; each device is probed once per process. */
export function deviceProblem(device: DeviceName): Promise<string | null> {
  const route = routeFor(device);
  if (!route) return Promise.resolve(`not available in ${currentEnvironment === "node" ? "Node.js" : "browsers"}`);
  let pending = problems.get(device);
  if (!pending) {
    pending = whyNot(route);
    problems.set(device, pending);
  }
  return pending;
}

export async function listOnnxDevices(): Promise<DeviceInfo[]> {
  const infos: DeviceInfo[] = [];
  for (const { device } of PROVIDER_ROUTES) {
    const route = routeFor(device);
    if (!route) continue;
    const problem = await deviceProblem(device);
    infos.push(
      problem
        ? { name: device, available: false, detail: problem }
        : { name: device, available: true, detail: `${route.runtime}, ${route.executionProvider} execution provider` },
    );
  }
  return infos;
}

export interface StartedDevice {
  readonly device: DeviceName;
  readonly route: ProviderRoute;
  /** For "auto": the devices tried first and why they were passed over. */
  readonly skipped: readonly string[];
}

/** Resolves a request ("auto" → the first device in PROVIDER_ROUTES that starts here). */
export async function startDevice(requested: DeviceName): Promise<StartedDevice> {
  const skipped: string[] = [];
  const candidates =
    requested === "auto" ? PROVIDER_ROUTES.map((r) => r.device).filter((d) => routeFor(d)) : [requested];
  for (const device of candidates) {
    const problem = await deviceProblem(device);
    if (!problem) return { device, route: routeFor(device)!, skipped };
    skipped.push(`${device}: ${problem}`);
  }
  const available = (await listOnnxDevices()).filter((d) => d.available).map((d) => d.name);
  const why =
    requested === "auto"
      ? `no ONNX device can start here: ${skipped.join("; ")}`
      : `onnx device "${requested}" is unavailable: ${await deviceProblem(requested)}`;
  throw new BackendUnavailableError(`${why}; available: ${available.join(", ") || "none"}`, {
    field: "device",
    accepted: available.join(", "),
  });
}
