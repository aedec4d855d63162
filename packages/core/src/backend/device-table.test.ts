import { describe, expect, it } from "vitest";
import { BackendUnavailableError } from "../errors.js";
import { createDeviceTable, type DeviceEntry } from "./device-table.js";
import type { DeviceName } from "./devices.js";

type Route = { readonly name: string };

const ENTRIES: DeviceEntry<Route>[] = [
  { device: "cuda", routes: { node: { name: "native-gpu" } } },
  { device: "webgpu", routes: { browser: { name: "browser-gpu" } } },
  { device: "wasm", routes: { node: { name: "wasm" }, browser: { name: "wasm" } } },
  { device: "cpu", routes: { node: { name: "js" } } },
];

/** A table whose probe fails for the devices in `broken` and counts how often each device is probed. */
function table(broken: readonly DeviceName[], environment: "node" | "browser" = "node") {
  const probes: DeviceName[] = [];
  const devices = createDeviceTable<Route>({
    backend: "fake",
    title: "Fake",
    entries: ENTRIES,
    environment,
    probe: async (_route, device) => {
      probes.push(device);
      return broken.includes(device) ? `${device} driver missing` : null;
    },
    describe: (route) => `runs on ${route.name}`,
  });
  return { devices, probes };
}

describe("createDeviceTable", () => {
  it("auto takes the first device of this environment that starts and says what it passed over", async () => {
    const { devices } = table(["cuda"]);
    const started = await devices.start("auto");
    expect(started.device).toBe("wasm");
    expect(started.route).toEqual({ name: "wasm" });
    // webgpu has no Node route: auto does not try it, so it is not "passed over".
    expect(started.skipped).toEqual(["cuda: cuda driver missing"]);
  });

  it("probes each device once, however often it is asked", async () => {
    const { devices, probes } = table([]);
    await devices.start("cpu");
    await devices.start("cpu");
    await devices.list();
    expect(probes.filter((device) => device === "cpu")).toHaveLength(1);
  });

  it("probes again after forget", async () => {
    const { devices, probes } = table([]);
    await devices.problem("wasm");
    devices.forget("wasm");
    await devices.problem("wasm");
    expect(probes).toEqual(["wasm", "wasm"]);
  });

  it("lists every device in order, each with its route or why it cannot run here", async () => {
    const { devices } = table(["cuda"]);
    expect(await devices.list()).toEqual([
      { name: "cuda", available: false, detail: "cuda driver missing" },
      { name: "webgpu", available: false, detail: "only in browsers" },
      { name: "wasm", available: true, detail: "runs on wasm" },
      { name: "cpu", available: true, detail: "runs on js" },
    ]);
  });

  it("in a browser, the Node-only devices are the unavailable ones", async () => {
    const { devices } = table([], "browser");
    expect((await devices.start("auto")).device).toBe("webgpu");
    expect(await devices.problem("cuda")).toBe("only in Node.js");
    expect(await devices.problem("cpu")).toBe("only in Node.js");
  });

  it("an unavailable device is a BackendUnavailableError naming why and what is available", async () => {
    const { devices } = table(["cuda"]);
    const attempt = devices.start("cuda");
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      'fake device "cuda" is unavailable: cuda driver missing; available: wasm, cpu',
    );
    await expect(devices.start("webnn")).rejects.toThrow('fake device "webnn" is unavailable: not a Fake device');
  });

  it("auto with nothing that starts names each device tried and `available: none`", async () => {
    const { devices } = table(["cuda", "wasm", "cpu"]);
    const error = await devices.start("auto").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect((error as BackendUnavailableError).message).toBe(
      "no Fake device can start here: cuda: cuda driver missing; wasm: wasm driver missing; cpu: cpu driver missing; available: none",
    );
    expect((error as BackendUnavailableError).details).toMatchObject({ field: "device", accepted: "" });
  });
});
