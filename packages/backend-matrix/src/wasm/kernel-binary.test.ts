import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { instantiateKernel, wasmKernelUnavailableReason } from "./kernel-loader.js";

describe("the embedded wasm kernel", () => {
  it("is what assembly/ compiles to today, byte for byte", () => {
    const script = fileURLToPath(new URL("../../scripts/build-wasm-kernel.mjs", import.meta.url));
    const check = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  }, 120_000);

  it("loads in Node, each instance with its own memory", () => {
    expect(wasmKernelUnavailableReason()).toBeNull();
    const [a, b] = [instantiateKernel(), instantiateKernel()];
    expect(a.memory).not.toBe(b.memory);
    expect(a.heapBase()).toBeGreaterThan(0);
  });
});
