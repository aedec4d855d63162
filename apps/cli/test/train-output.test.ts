import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, trainSmallModel } from "./run-cli.js";

async function readModel(path: string) {
  return JSON.parse(await readFile(path, "utf8"));
}

describe("rpf train output", () => {
  it("--epochs 0 saves the untrained ensemble, which predicts", async () => {
    const dir = await tempDir();
    const untrained = await readModel(await trainSmallModel(dir, "untrained.json", ["--epochs", "0"]));
    const trained = await readModel(await trainSmallModel(dir, "trained.json"));
    expect(untrained.training.epochs).toBe(0);
    expect(untrained.training.meanLossHistory).toEqual([]);
    // Same seed, so the same frozen prior; the trainable weights are the initial ones, not the trained ones.
    expect(untrained.params.prior.data).toBe(trained.params.prior.data);
    expect(untrained.params.trainable.data).not.toBe(trained.params.trainable.data);

    const predicted = await runCli(["predict", "--model", "untrained.json", "--x=-1:1:5"], dir);
    expect(predicted.code).toBe(0);
    expect(predicted.stdout.trimEnd().split("\n")).toHaveLength(6);
  });

  it("--json prints one JSON report with trainSeconds and a final loss per member", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--members", "3", "--epochs", "20", "--json", "--out", "model.json"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith("\n")).toBe(true);
    expect(result.stdout.trimEnd().split("\n")).toHaveLength(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ backend: "matrix", device: "cpu", members: 3, epochs: 20, model: "model.json" });
    expect(typeof report.trainSeconds).toBe("number");
    expect(report.trainSeconds).toBeGreaterThan(0);
    expect(report.finalLosses).toHaveLength(3);
    for (const loss of report.finalLosses) expect(Number.isFinite(loss) && loss >= 0).toBe(true);
    expect((await readModel(join(dir, "model.json"))).training.finalLosses).toEqual(report.finalLosses);
  });
});
