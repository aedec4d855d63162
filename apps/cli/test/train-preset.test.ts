import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TABULAR_PRESET } from "../src/presets/tabular.js";
import { expectOneLineError, runCli, tempDir } from "./run-cli.js";

/** The spec of the model that `rpf train ARGS --epochs 0` saves (untrained: the test checks settings, not training). */
async function specOf(args: readonly string[]): Promise<Record<string, unknown>> {
  const dir = await tempDir();
  const result = await runCli(["train", ...args, "--quiet", "--out", "model.json"], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(await readFile(join(dir, "model.json"), "utf8")).spec;
}

const flags = TABULAR_PRESET.flags;

describe("rpf train --preset tabular", () => {
  it("expands into its settings, each parsed as the flag would be", async () => {
    const spec = await specOf(["--preset", "tabular", "--epochs", "0"]);
    expect(spec).toMatchObject({
      head: flags.head,
      standardize: flags.standardize,
      inputTransform: flags.inputTransform,
      members: Number(flags.members),
      batchSize: Number(flags.batchSize),
      priorScale: Number(flags.beta),
      weightDecay: Number(flags.weightDecay),
      trainable: { hiddenSizes: flags.hidden!.split(",").map(Number), activation: flags.activation },
      bootstrap: { kind: flags.bootstrap },
      optimizer: { learningRate: Number(flags.lr) },
    });
  });

  it("trains on every row; the conformal recipe its docs give adds validation and calibration", async () => {
    const dir = await tempDir();
    const data = ["x,y", ...Array.from({ length: 40 }, (_, i) => `${i / 10},${Math.sin(i / 10)}`)].join("\n");
    await writeFile(join(dir, "data.csv"), `${data}\n`);
    const train = async (extra: readonly string[]) => {
      const args = ["train", "--preset", "tabular", "--data", "data.csv", "--epochs", "2", ...extra];
      const result = await runCli([...args, "--quiet", "--out", "m.json"], dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      return JSON.parse(await readFile(join(dir, "m.json"), "utf8"));
    };
    // Measured: holding rows out cost more NLL than early stopping and calibration gave back.
    expect(flags).not.toHaveProperty("validation");
    const plain = await train([]);
    expect(plain.training.examples).toBe(40);
    expect(plain.calibration ?? null).toBeNull();
    // The Yeo-Johnson λ of the one input column, fitted on the training rows, travels with the
    // model, which is written as the format version that first holds it.
    expect(plain.standardizer.xLambda).toHaveLength(1);
    expect(plain.formatVersion).toBe(4);
    const conformal = await train(["--validation", "0.1", "--calibrate", "conformal"]);
    expect(conformal.training.validation).toMatchObject({ fraction: 0.1, count: 4 });
    expect(conformal.calibration.kind).toBe("conformal");
  });

  it("explicit flags override the preset, before or after it on the command line", async () => {
    const after = await specOf(["--preset", "tabular", "--epochs", "0", "--members", "2", "--head", "mse"]);
    expect(after).toMatchObject({ epochs: 0, members: 2, head: "mse", standardize: flags.standardize });
    const before = await specOf(["--members", "3", "--batch-size", "full", "--epochs", "0", "--preset", "tabular"]);
    expect(before).toMatchObject({ members: 3, batchSize: null, head: flags.head });
  });

  it("without --preset the defaults stay the notebook's", async () => {
    const spec = await specOf(["--epochs", "0"]);
    expect(spec).toMatchObject({ head: "mse", standardize: "none", members: 9, batchSize: null });
  });

  it("help lists the preset's settings as flags", async () => {
    const dir = await tempDir();
    const help = (await runCli(["train", "--help"], dir)).stdout.replace(/\s+/g, " ");
    expect(help).toContain(`tabular: --head ${flags.head} --standardize ${flags.standardize}`);
    expect(help).toContain(`--batch-size ${flags.batchSize}`);
  });

  it("refuses an unknown preset and a preset with --resume, writing nothing", async () => {
    const dir = await tempDir();
    expectOneLineError(await runCli(["train", "--preset", "images", "--out", "m.json"], dir), 2, /tabular/);
    expectOneLineError(await runCli(["train", "--resume", "m.ckpt", "--preset", "tabular"], dir), 2, /--preset/);
    expect(await readFile(join(dir, "m.json")).catch(() => null)).toBeNull();
  });
});
