import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, FIXTURES, listDir, runCli, tempDir, trainSmallModel } from "./run-cli.js";

async function predictJson(dir: string, model: string, backend: string): Promise<{ mean: number[]; std: number[] }> {
  const result = await runCli(
    ["predict", "--model", model, "--x=-3:3:61", "--format", "json", "--backend", backend],
    dir,
  );
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe("rpf export --format onnx and predicting with ONNX", () => {
  it("exports a model and predicts with it on onnx like matrix does with the original", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    const exported = await runCli(["export", "--model", "model.json", "--format", "onnx", "--out", "model.onnx"], dir);
    expect(exported.code).toBe(0);
    const viaOnnx = await predictJson(dir, "model.onnx", "onnx:cpu");
    const viaMatrix = await predictJson(dir, "model.json", "matrix");
    for (const [i, value] of viaOnnx.mean.entries()) expect(Math.abs(value - viaMatrix.mean[i]!)).toBeLessThan(1e-5);
    for (const [i, value] of viaOnnx.std.entries()) expect(Math.abs(value - viaMatrix.std[i]!)).toBeLessThan(1e-5);
  });

  it("an ONNX file converts back to an rpf model with identical weights", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    await runCli(["export", "--model", "model.json", "--out", "model.onnx"], dir);
    const back = await runCli(["export", "--model", "model.onnx", "--format", "rpf", "--out", "back.json"], dir);
    expect(back.code).toBe(0);
    const [original, roundTrip] = await Promise.all(
      ["model.json", "back.json"].map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8"))),
    );
    expect(roundTrip.params).toEqual(original.params);
    expect(roundTrip.spec).toEqual(original.spec);
  });

  it("a model trained with --input-transform yeo-johnson exports, predicts on onnx like matrix, and converts back with its λs", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir, "model.json", ["--input-transform", "yeo-johnson"]);
    const exported = await runCli(["export", "--model", "model.json", "--format", "onnx", "--out", "model.onnx"], dir);
    expect(exported.code).toBe(0);
    const viaOnnx = await predictJson(dir, "model.onnx", "onnx:cpu");
    const viaMatrix = await predictJson(dir, "model.json", "matrix");
    for (const [i, value] of viaOnnx.mean.entries()) expect(Math.abs(value - viaMatrix.mean[i]!)).toBeLessThan(1e-5);
    const back = await runCli(["export", "--model", "model.onnx", "--format", "rpf", "--out", "back.json"], dir);
    expect(back.code).toBe(0);
    const [original, roundTrip] = await Promise.all(
      ["model.json", "back.json"].map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8"))),
    );
    expect(roundTrip.spec.inputTransform).toBe("yeo-johnson");
    expect(roundTrip.standardizer.xLambda).toHaveLength(1);
    expect(roundTrip.standardizer).toEqual(original.standardizer);
    expect(roundTrip.formatVersion).toBe(4);
  });

  it("--backend onnx on an rpf model file exports on the fly and says which device auto chose", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    const result = await runCli(["predict", "--model", "model.json", "--x=-1:1:3", "--backend", "onnx"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("x,mean,std,lower,upper");
    expect(result.stderr).toMatch(/^rpf: --backend onnx chose onnx:cpu \(unavailable here: .*onnx:cuda.*\)\n$/);
  });

  it("--backend onnx:cuda names the missing provider and the install flag", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    const result = await runCli(["predict", "--model", "model.json", "--x=-1:1:3", "--backend", "onnx:cuda"], dir);
    expectOneLineError(
      result,
      1,
      /device "cuda" is unavailable/,
      /ONNXRUNTIME_NODE_INSTALL=cuda12/,
      /available: cpu, wasm/,
    );
  });

  it("a file that is not ONNX (nor an rpf model) is refused in one line", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "noise.onnx"), Buffer.from([0x08, 0xff, 0xff, 0xff, 0x01, 0x12, 0x99]));
    const result = await runCli(["predict", "--model", "noise.onnx", "--x=-1:1:3"], dir);
    expectOneLineError(
      result,
      1,
      /noise\.onnx is binary data that is not an ONNX model \(it starts 08 ff ff ff\); expected an rpf model/,
    );
  });

  it("an ONNX model that rpf did not make is refused", async () => {
    const dir = await tempDir();
    const result = await runCli(["predict", "--model", join(FIXTURES, "not-made-by-rpf.onnx"), "--x=-1:1:3"], dir);
    expectOneLineError(result, 1, /was not made by rpf/);
  });

  it("inputs of the wrong width are a usage error, and no output is written", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    await runCli(["export", "--model", "model.json", "--out", "model.onnx"], dir);
    await writeFile(join(dir, "wide.csv"), "a,b\n1,2\n3,4\n");
    const result = await runCli(
      [
        "predict",
        "--model",
        "model.onnx",
        "--input",
        "wide.csv",
        "--x-cols",
        "a,b",
        "--backend",
        "onnx",
        "--out",
        "p.csv",
      ],
      dir,
    );
    expectOneLineError(result, 2, /gives 2 input columns \(a, b\); the model takes 1/);
    expect(await listDir(dir)).toEqual(["model.json", "model.onnx", "wide.csv"]);
  });
});
