import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, runCli, tempDir, trainSmallModel } from "./run-cli.js";

describe("--backend tfjs", () => {
  it("trains on tfjs:wasm and predicts on tfjs:cpu", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir, "model.json", ["--backend", "tfjs:wasm"]);
    const model = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
    expect(model.training.backend).toBe("tfjs");
    expect(model.training.device).toBe("wasm");
    const result = await runCli(["predict", "--model", "model.json", "--x=-1:1:3", "--backend", "tfjs:cpu"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(4);
  });

  it("tfjs and matrix agree on the same model's predictions", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    const predict = async (backend: string) => {
      const result = await runCli(
        ["predict", "--model", "model.json", "--x=-2:2:9", "--format", "json", "--backend", backend],
        dir,
      );
      expect(result.code).toBe(0);
      return JSON.parse(result.stdout) as { mean: number[]; std: number[] };
    };
    const [matrix, wasm] = [await predict("matrix"), await predict("tfjs:wasm")];
    for (const [i, value] of wasm.mean.entries()) expect(value).toBeCloseTo(matrix.mean[i]!, 5);
    for (const [i, value] of wasm.std.entries()) expect(value).toBeCloseTo(matrix.std[i]!, 5);
  });

  it("an unavailable device names the devices that are available", async () => {
    const result = await runCli(
      ["train", "--members", "2", "--epochs", "5", "--backend", "tfjs:webgpu", "--out", "m.json"],
      await tempDir(),
    );
    expectOneLineError(result, 1, /device "webgpu" is unavailable \(only in browsers\)/, /available: wasm, cpu/);
  });

  it("tfjs:node explains how to enable it", async () => {
    const result = await runCli(
      ["train", "--members", "2", "--epochs", "5", "--backend", "tfjs:node"],
      await tempDir(),
    );
    expectOneLineError(
      result,
      1,
      /@tensorflow\/tfjs-node is not installed; to enable it, install @tensorflow\/tfjs-node next to @rpf\/backend-tfjs/,
    );
  });
});
