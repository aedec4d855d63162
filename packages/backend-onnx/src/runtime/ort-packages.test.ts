import { BackendUnavailableError } from "@rpf/core";
import { describe, expect, it, vi } from "vitest";
import { ORT_PACKAGES as BROWSER_PACKAGES } from "./ort-packages.browser.js";

// This file runs the runtime loader as a browser bundle would: `#ort-packages` resolved under the
// "browser" condition. (Under Node it resolves to ort-packages.node.ts, which this mock replaces.)
vi.mock("#ort-packages", () => import("./ort-packages.browser.js"));
const { loadRuntime } = await import("./ort-runtime.js");
const { ORT_PACKAGES: NODE_PACKAGES } =
  await vi.importActual<typeof import("./ort-packages.node.js")>("./ort-packages.node.js");

describe("the onnxruntime packages each environment loads", () => {
  it("Node loads both packages; a browser onnxruntime-web alone", () => {
    expect([...NODE_PACKAGES.keys()].sort()).toEqual(["onnxruntime-node", "onnxruntime-web"]);
    expect([...BROWSER_PACKAGES.keys()]).toEqual(["onnxruntime-web"]);
  });

  it("under the browser condition, asking for onnxruntime-node is a typed error naming what loads", async () => {
    const attempt = loadRuntime("onnxruntime-node");
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      "onnxruntime-node cannot run in this environment; here onnxruntime loads from onnxruntime-web",
    );
  });

  it("under the browser condition, onnxruntime-web loads", async () => {
    const runtime = await loadRuntime("onnxruntime-web");
    expect(runtime.name).toBe("onnxruntime-web");
    expect(typeof runtime.InferenceSession.create).toBe("function");
  });
});
