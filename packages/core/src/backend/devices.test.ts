import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { DEVICE_NAMES, isDeviceName, parseBackendRequest } from "./devices.js";

describe("parseBackendRequest", () => {
  it.each([
    ["auto", { backend: "auto", device: "auto" }],
    ["matrix", { backend: "matrix", device: "auto" }],
    ["tfjs:wasm", { backend: "tfjs", device: "wasm" }],
    [" ONNX:CPU ", { backend: "onnx", device: "cpu" }],
  ])("parses %j", (text, expected) => {
    expect(parseBackendRequest(text)).toEqual(expected);
  });

  it.each(["", ":cpu", "a:b:c"])("rejects the malformed request %j", (text) => {
    expect(() => parseBackendRequest(text)).toThrow(InvalidArgumentError);
    expect(() => parseBackendRequest(text)).toThrow(/is not of the form NAME or NAME:DEVICE/);
  });

  it("rejects an unknown device, listing the known ones", () => {
    expect(() => parseBackendRequest("tfjs:tpu")).toThrow(
      /unknown device "tpu" in "tfjs:tpu"; accepted: auto, cpu, wasm/,
    );
  });
});

describe("isDeviceName", () => {
  it("knows every listed device and nothing else", () => {
    for (const name of DEVICE_NAMES) expect(isDeviceName(name)).toBe(true);
    expect(isDeviceName("tpu")).toBe(false);
    expect(isDeviceName(undefined)).toBe(false);
  });
});
