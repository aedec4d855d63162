import { afterEach, describe, expect, it } from "vitest";
import { BackendUnavailableError, InvalidArgumentError, UnsupportedError } from "../errors.js";
import { BACKEND_CONTRACT_VERSION, type Backend, type DeviceInfo } from "./contract.js";
import { registerBackend, registeredBackends, resolveBackend, unregisterBackend } from "./registry.js";

const registered: string[] = [];

function fakeBackend(
  name: string,
  devices: readonly DeviceInfo[],
  capabilities: Backend["capabilities"] = { train: true, infer: true, heads: ["mse"] },
): Backend {
  return {
    contractVersion: BACKEND_CONTRACT_VERSION,
    name,
    capabilities,
    listDevices: async () => devices,
    createEnsemble: async () => {
      throw new Error("not used in these tests");
    },
  };
}

function register(backend: Backend, priority?: number): Backend {
  registerBackend(backend, priority === undefined ? {} : { priority });
  registered.push(backend.name);
  return backend;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the promise to reject");
}

const cpuOnly: DeviceInfo[] = [{ name: "cpu", available: true }];

afterEach(() => {
  for (const name of registered.splice(0)) unregisterBackend(name);
});

describe("registerBackend", () => {
  it("lists backends by priority, highest first", () => {
    register(fakeBackend("fake-low", cpuOnly), 1);
    register(fakeBackend("fake-high", cpuOnly), 10);
    register(fakeBackend("fake-mid", cpuOnly), 5);
    expect(registeredBackends().map((b) => b.name)).toEqual(["fake-high", "fake-mid", "fake-low"]);
  });

  it("refuses a backend built for another contract version", () => {
    const old = { ...fakeBackend("fake-old", cpuOnly), contractVersion: 0 } as unknown as Backend;
    expect(() => registerBackend(old)).toThrow(InvalidArgumentError);
    expect(() => registerBackend(old)).toThrow(/contract v0; this core needs v5/);
    expect(registeredBackends().map((b) => b.name)).not.toContain("fake-old");
  });

  it("unregisterBackend removes it", () => {
    register(fakeBackend("fake-gone", cpuOnly));
    unregisterBackend("fake-gone");
    expect(registeredBackends().map((b) => b.name)).not.toContain("fake-gone");
  });
});

describe("resolveBackend", () => {
  it("'auto' picks the highest-priority backend and its first available device, naming those passed over", async () => {
    register(fakeBackend("fake-slow", cpuOnly), 1);
    const fast = register(
      fakeBackend("fake-fast", [
        { name: "webgpu", available: false, detail: "no adapter" },
        { name: "wasm", available: true },
        { name: "cpu", available: true },
      ]),
      9,
    );
    const resolved = await resolveBackend("auto");
    expect(resolved.backend).toBe(fast);
    expect(resolved.device).toBe("wasm");
    expect(resolved.skipped).toEqual(["fake-fast:webgpu (no adapter)"]);
  });

  it("'auto' ranks backends per job when a backend registers a job priority", async () => {
    const trainer = register(fakeBackend("fake-trainer", cpuOnly), 10);
    const server = fakeBackend("fake-server", cpuOnly);
    registerBackend(server, { priority: 1, priorityFor: { infer: 20 } });
    registered.push(server.name);
    expect((await resolveBackend("auto", "infer")).backend).toBe(server);
    expect((await resolveBackend("auto", "train")).backend).toBe(trainer);
    expect(
      registeredBackends("infer")
        .map((b) => b.name)
        .slice(0, 2),
    ).toEqual(["fake-server", "fake-trainer"]);
  });

  it("'auto' falls back past backends with no usable device and says why", async () => {
    register(fakeBackend("fake-gpu", [{ name: "cuda", available: false, detail: "no driver" }]), 10);
    const cpu = register(fakeBackend("fake-cpu", cpuOnly), 1);
    const resolved = await resolveBackend("auto", "train");
    expect(resolved.backend).toBe(cpu);
    expect(resolved.device).toBe("cpu");
    expect(resolved.skipped).toEqual(["fake-gpu: no device is available"]);
  });

  it("'auto' skips backends that cannot do the job", async () => {
    register(fakeBackend("fake-infer-only", cpuOnly, { train: false, infer: true, heads: ["mse"] }), 10);
    const trainer = register(fakeBackend("fake-trainer", cpuOnly), 1);
    const resolved = await resolveBackend("auto", "train");
    expect(resolved.backend).toBe(trainer);
    expect(resolved.skipped).toEqual(["fake-infer-only: cannot train"]);
    expect((await resolveBackend("auto", "infer")).backend.name).toBe("fake-infer-only");
  });

  it("'auto' with a device picks the first backend that has it", async () => {
    register(fakeBackend("fake-a", cpuOnly), 10);
    const b = register(fakeBackend("fake-b", [{ name: "wasm", available: true }]), 1);
    const resolved = await resolveBackend("auto:wasm");
    expect(resolved.backend).toBe(b);
    expect(resolved.skipped[0]).toMatch(/fake-a: device "wasm" is not supported; available: cpu/);
  });

  it("resolves a named backend and device, from a string or a request object", async () => {
    const backend = register(
      fakeBackend("fake-named", [
        { name: "cpu", available: true },
        { name: "wasm", available: true },
      ]),
    );
    expect(await resolveBackend("fake-named:wasm")).toMatchObject({ backend, device: "wasm" });
    expect(await resolveBackend({ backend: "fake-named", device: "cpu" })).toMatchObject({ backend, device: "cpu" });
  });

  it("rejects an unknown backend with InvalidArgumentError listing the known ones", async () => {
    register(fakeBackend("fake-one", cpuOnly), 2);
    register(fakeBackend("fake-two", cpuOnly), 1);
    const error = await rejection(resolveBackend("nope"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/unknown backend "nope"; accepted: auto, fake-one, fake-two/);
  });

  it("rejects 'auto' when nothing is registered", async () => {
    const error = await rejection(resolveBackend("auto"));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toMatch(/accepted: auto$/);
  });

  it("rejects an unavailable device with BackendUnavailableError naming the available ones", async () => {
    register(
      fakeBackend("fake-dev", [
        { name: "cpu", available: true },
        { name: "wasm", available: true },
        { name: "webgpu", available: false, detail: "no adapter" },
      ]),
    );
    const unavailable = await rejection(resolveBackend("fake-dev:webgpu"));
    expect(unavailable).toBeInstanceOf(BackendUnavailableError);
    expect(unavailable.message).toMatch(/device "webgpu" is unavailable \(no adapter\); available: cpu, wasm/);
    const unsupported = await rejection(resolveBackend("fake-dev:cuda"));
    expect(unsupported).toBeInstanceOf(BackendUnavailableError);
    expect(unsupported.message).toMatch(/device "cuda" is not supported; available: cpu, wasm/);
  });

  it("rejects a named backend that lacks the capability with UnsupportedError", async () => {
    register(fakeBackend("fake-onnx", cpuOnly, { train: false, infer: true, heads: ["mse"] }));
    const error = await rejection(resolveBackend("fake-onnx", "train"));
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error.message).toMatch(/backend "fake-onnx" cannot train/);
    expect((await resolveBackend("fake-onnx", "infer")).device).toBe("cpu");
  });

  it("lists every candidate's failure in one error when nothing fits", async () => {
    register(fakeBackend("fake-x", [{ name: "cpu", available: false, detail: "broken" }]), 2);
    register(fakeBackend("fake-y", cpuOnly, { train: false, infer: true, heads: ["mse"] }), 1);
    const error = await rejection(resolveBackend("auto", "train"));
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error.message).toMatch(
      /no backend can train on "auto": fake-x: no device is available; fake-y: cannot train/,
    );
  });

  it("reports a backend whose device listing throws", async () => {
    register({
      ...fakeBackend("fake-throws", cpuOnly),
      listDevices: async () => {
        throw new Error("driver crashed");
      },
    });
    const error = await rejection(resolveBackend("fake-throws"));
    expect(error).toBeInstanceOf(BackendUnavailableError);
    expect(error.message).toMatch(/fake-throws: listing devices failed: driver crashed/);
  });
});
