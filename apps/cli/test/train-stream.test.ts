import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ColumnValues, writeArrowColumns, writeParquetColumns } from "@rpf/columnar";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

/** 3 row groups / record batches of 40 rows: a, b, and y = sin(3a) + b/2. */
function groups(): ColumnValues[][] {
  return [0, 1, 2].map((g) => {
    const a = Float64Array.from({ length: 40 }, (_, i) => (g * 40 + i) / 60 - 1);
    const b = Float32Array.from(a, (v) => Math.cos(5 * v));
    return [
      { name: "a", values: a },
      { name: "b", values: b },
      { name: "y", values: a.map((v, i) => Math.sin(3 * v) + b[i]! / 2) },
    ];
  });
}

const TRAIN = ["train", "--members", "3", "--epochs", "8", "--batch-size", "16", "--quiet"];

async function modelOf(
  dir: string,
  file: string,
): Promise<{ params: unknown; columns: unknown; training: { examples: number; epochs: number } }> {
  return JSON.parse(await readFile(join(dir, file), "utf8"));
}

describe("rpf train --data FILE.parquet|FILE.arrow (streamed)", () => {
  // Seven CLI runs: more than the project's 120 s on a busy 2-core machine.
  it("trains the same model from Parquet and Arrow IPC, and again for the same seed", {
    timeout: 300_000,
  }, async () => {
    const dir = await tempDir();
    writeParquetColumns(join(dir, "d.parquet"), groups());
    writeArrowColumns(join(dir, "d.arrow"), groups());
    for (const [data, out] of [
      ["d.parquet", "p1.json"],
      ["d.parquet", "p2.json"],
      ["d.arrow", "a.json"],
    ] as const) {
      const result = await runCli([...TRAIN, "--data", data, "--out", out], dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    }
    const [p1, p2, a] = await Promise.all(["p1.json", "p2.json", "a.json"].map((file) => modelOf(dir, file)));
    expect(p1!.params).toEqual(p2!.params);
    expect(a!.params).toEqual(p1!.params);
    expect(p1!.columns).toEqual({ x: ["a", "b"], y: "y" });
    expect(p1!.training.examples).toBe(120);
    expect(p1!.training.epochs).toBe(8);
    // The model predicts like any other: by column name, from a CSV.
    await writeFile(join(dir, "new.csv"), "b,a\n1,0\n0.5,0.5\n");
    const predicted = await runCli(["predict", "--model", "p1.json", "--input", "new.csv"], dir);
    expect(predicted.stderr).toBe("");
    expect(predicted.stdout.trimEnd().split("\n")).toHaveLength(3);
    // And from the Parquet and Arrow files themselves, read by the model's column names: the same lines.
    const fromParquet = await runCli(["predict", "--model", "p1.json", "--input", "d.parquet"], dir);
    const fromArrow = await runCli(["predict", "--model", "p1.json", "--input", "d.arrow"], dir);
    expect(fromParquet.stderr).toBe("");
    expect(fromParquet.stdout.trimEnd().split("\n")).toHaveLength(121);
    expect(fromArrow.stdout).toBe(fromParquet.stdout);
  });

  it("refuses a backend that cannot stream with one line, writing nothing", async () => {
    const dir = await tempDir();
    writeParquetColumns(join(dir, "d.parquet"), groups());
    const result = await runCli([...TRAIN, "--data", "d.parquet", "--backend", "tfjs:cpu", "--out", "m.json"], dir);
    expectOneLineError(result, 1, 'cannot train from a stream of row chunks: use backend "matrix"');
    expect(await listDir(dir)).toEqual(["d.parquet"]);
  });
});
