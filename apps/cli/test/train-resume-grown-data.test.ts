import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { matrixBackend } from "@rpf/backend-matrix";
import { type Dataset, decodeModel, Ensemble } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

/** n rows of a deterministic curve, as CSV text and as a dataset. */
function rows(n: number): { csv: string; data: Dataset } {
  const x = Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 0.7)));
  const y = x.map((v, i) => Math.fround(v * v + 0.1 * Math.cos(i)));
  const lines = Array.from(x, (v, i) => `${v},${y[i]}`);
  return { csv: `x,y\n${lines.join("\n")}\n`, data: { x, y, n, inputSize: 1, outputSize: 1 } };
}

const RUN = ["--members", "3", "--seed", "4", "--epochs", "40", "--checkpoint-every", "20", "--quiet"];

describe("rpf train --resume with a CSV that has more rows", () => {
  it("finishes the run on the grown data with the new rows' online weights, exactly as Ensemble.update does", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "first.csv"), rows(30).csv);
    await writeFile(join(dir, "grown.csv"), rows(50).csv);
    const first = await runCli(["train", "--data", "first.csv", ...RUN, "--checkpoint", "run.ckpt"], dir);
    expect(first.code).toBe(0);
    // The checkpoint at epoch 20 stays; the run's last 20 epochs are to train again on 50 rows.
    const resumed = await runCli(["train", "--resume", "run.ckpt", "--data", "grown.csv", "--out", "grown.json"], dir);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("resuming at epoch 20 with 20 more rows");
    const model = decodeModel(await readFile(join(dir, "grown.json"), "utf8"));
    expect(model.training).toMatchObject({ epochs: 40, examples: 50 });

    const ensemble = await Ensemble.create(model.spec, { backend: matrixBackend });
    await ensemble.fit(rows(30).data, { epochs: 20 });
    const grown = rows(50).data;
    await ensemble.update({ ...grown, x: grown.x.slice(30), y: grown.y.slice(30), n: 20 }, { epochs: 20 });
    expect((await ensemble.params()).trainable).toEqual(model.params.trainable);
    await ensemble.dispose();
  });

  it("refuses a CSV whose first rows are not the checkpoint's, in one line, writing nothing", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "first.csv"), rows(30).csv);
    const other = rows(50).csv.replace(/\n[^\n]*\n/, "\n0.5,0.5\n");
    await writeFile(join(dir, "other.csv"), other);
    expect((await runCli(["train", "--data", "first.csv", ...RUN, "--checkpoint", "run.ckpt"], dir)).code).toBe(0);
    const before = await listDir(dir);
    const refused = await runCli(["train", "--resume", "run.ckpt", "--data", "other.csv", "--out", "m.json"], dir);
    expectOneLineError(refused, 2, /other\.csv must hold the checkpoint's 30 rows first/);
    expect(await listDir(dir)).toEqual(before);
  });
});
