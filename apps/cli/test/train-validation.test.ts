import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

const SMALL = ["--members", "2", "--points", "60", "--head", "gaussian", "--standardize", "xy"];

async function train(dir: string, args: readonly string[]) {
  const result = await runCli(["train", ...SMALL, ...args, "--quiet", "--json", "--out", "model.json"], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const model = JSON.parse(await readFile(join(dir, "model.json"), "utf8"));
  return { report: JSON.parse(result.stdout), model };
}

describe("rpf train --validation, --patience, auto and --calibrate", () => {
  it("--validation 0.2 holds out 12 of 60 rows, trains on 48, and records the split and score", async () => {
    const dir = await tempDir();
    const { report, model } = await train(dir, ["--epochs", "30", "--validation", "0.2"]);
    expect(report.examples).toBe(48);
    expect(report.validation).toMatchObject({ fraction: 0.2, count: 12, metric: "nll", patience: null });
    expect(report.validation.bestEpoch).toBe(30);
    expect(model.training.validation).toEqual(report.validation);
    // Same seed, same split and training: the same model.
    const again = await train(await tempDir(), ["--epochs", "30", "--validation", "0.2"]);
    expect(again.model.params).toEqual(model.params);
  });

  it("--patience stops an overfitting run early and keeps the best epoch", async () => {
    const dir = await tempDir();
    const args = ["--epochs", "3000", "--lr", "0.03", "--hidden", "64,64", "--validation", "0.2", "--patience", "100"];
    const { report, model } = await train(dir, args);
    const validation = report.validation;
    expect(validation.patience).toBe(100);
    expect(validation.stoppedEpoch).toBeLessThan(3000);
    expect(validation.stoppedEpoch - validation.bestEpoch).toBeGreaterThanOrEqual(100);
    expect(report.epochs).toBe(validation.bestEpoch);
    expect(model.training.epochs).toBe(validation.bestEpoch);
  }, 60_000);

  it("--beta auto lists every candidate's score and stores the chosen β", async () => {
    const dir = await tempDir();
    const { report, model } = await train(dir, [
      "--epochs",
      "40",
      "--validation",
      "0.2",
      "--beta",
      "auto",
      "--beta-grid",
      "0,1,3",
    ]);
    const search = report.validation.search;
    expect(search.candidates.map((c: { priorScale: number }) => c.priorScale)).toEqual([0, 1, 3]);
    const scores = search.candidates.map((c: { score: number }) => c.score);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(scores[search.chosen]).toBe(Math.min(...scores));
    expect(model.spec.priorScale).toBe(search.candidates[search.chosen].priorScale);
    expect(report.beta).toBe(model.spec.priorScale);
    // The chosen candidate is the same run as training with its β directly.
    const direct = await train(await tempDir(), [
      "--epochs",
      "40",
      "--validation",
      "0.2",
      "--beta",
      String(report.beta),
    ]);
    expect(direct.model.params).toEqual(model.params);
    expect(direct.report.validation.score).toBe(report.validation.score);
  }, 60_000);

  it("--weight-decay auto searches its own grid", async () => {
    const dir = await tempDir();
    const { report } = await train(dir, [
      "--epochs",
      "20",
      "--validation",
      "0.2",
      "--weight-decay",
      "auto",
      "--weight-decay-grid",
      "0,0.01",
    ]);
    expect(report.validation.search.candidates.map((c: { weightDecay: number }) => c.weightDecay)).toEqual([0, 0.01]);
  });

  it("--calibrate conformal: predict --level writes the conformal interval; std-scaling scales the std", async () => {
    const dir = await tempDir();
    const { model } = await train(dir, ["--epochs", "60", "--validation", "0.5", "--calibrate", "conformal"]);
    expect(model.calibration.kind).toBe("conformal");
    expect(model.calibration.count).toBe(30);
    const json = JSON.parse(
      (await runCli(["predict", "--model", "model.json", "--x=-1:1:3", "--level", "0.9", "--format", "json"], dir))
        .stdout,
    );
    expect(json.interval).toBe("conformal");
    // k = ⌈31·0.9⌉ = 28: the 28th smallest score sets the half-width in stds.
    const q = model.calibration.scores[0][27];
    json.mean.forEach((mean: number, i: number) => {
      expect(json.upper[i]).toBeCloseTo(mean + q * json.std[i], 4);
    });
    const tooHigh = await runCli(["predict", "--model", "model.json", "--x=-1:1:3", "--level", "0.99"], dir);
    expectOneLineError(tooHigh, 2, "needs at least 99 held-out rows", "calibrated on 30");

    const scaled = await train(await tempDir(), [
      "--epochs",
      "60",
      "--validation",
      "0.5",
      "--calibrate",
      "std-scaling",
    ]);
    const plain = await train(await tempDir(), ["--epochs", "60", "--validation", "0.5"]);
    expect(scaled.model.calibration.kind).toBe("std-scaling");
    expect(scaled.model.params).toEqual(plain.model.params);
  }, 60_000);
});

describe("rpf train refuses validation options that do not fit together", () => {
  it.each([
    [["--calibrate", "conformal"], 2, "--calibrate fits on the held-out rows: add --validation"],
    [["--patience", "10"], 2, "--patience stops on the validation score: add --validation"],
    [["--beta", "auto"], 2, "--beta auto chooses by validation score: add --validation"],
    [["--validation", "0.1", "--beta", "auto", "--beta-grid", ""], 2, "--beta-grid is empty"],
    [["--validation", "0.1", "--beta-grid", "0,1"], 2, "--beta-grid lists the candidates of --beta auto"],
    [["--weight-decay", "auto"], 2, "--weight-decay auto chooses by validation score: add --validation"],
    [["--validation", "0.1", "--weight-decay", "auto", "--weight-decay-grid", ""], 2, "--weight-decay-grid is empty"],
    [["--validation", "0.02"], 2, "holds out 1 and trains on 59; each side needs at least 2 rows"],
    [["--validation", "0.99"], 2, "holds out 59 and trains on 1"],
    [["--validation", "1"], 2, "--validation", "in (0, 1)"],
    [["--validation", "0.1", "--checkpoint-every", "5"], 2, "cannot be combined with checkpoints"],
  ] as [string[], number, ...string[]][])("%j", async (args, code, ...mentions) => {
    const dir = await tempDir();
    const result = await runCli(["train", ...SMALL, "--epochs", "5", ...args, "--out", "model.json"], dir);
    expectOneLineError(result, code, ...mentions);
    expect(await listDir(dir)).toEqual([]);
  });
});
