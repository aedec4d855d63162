import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatFloat32 } from "@rpf/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli, tempDir, trainSmallModel } from "./run-cli.js";

let modelDir: string;

beforeAll(async () => {
  modelDir = await mkdtemp(join(tmpdir(), "rpf-cli-model-"));
  await trainSmallModel(modelDir);
  await copyFile(join(FIXTURES, "rectangles.csv"), join(modelDir, "rectangles.csv"));
  await trainSmallModel(modelDir, "rectangles.json", ["--data", "rectangles.csv"]);
});

afterAll(() => rm(modelDir, { recursive: true, force: true }));

/** Runs `rpf predict --model MODEL ARGS` in a fresh folder and expects success. */
async function predict(model: string, args: readonly string[]) {
  const dir = await tempDir();
  const result = await runCli(["predict", "--model", join(modelDir, model), ...args], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return { dir, stdout: result.stdout };
}

function parseCsv(text: string): { header: string[]; rows: number[][] } {
  expect(text.endsWith("\n")).toBe(true);
  const [header, ...rows] = text.trimEnd().split("\n");
  return { header: header!.split(","), rows: rows.map((row) => row.split(",").map(Number)) };
}

describe("rpf predict output", () => {
  it("--x=-1:1:5 --format csv: x, mean, std and the Gaussian 95% interval (mean ∓ 1.96·std) on 5 grid points", async () => {
    const { header, rows } = parseCsv((await predict("model.json", ["--x=-1:1:5", "--format", "csv"])).stdout);
    expect(header).toEqual(["x", "mean", "std", "lower", "upper"]);
    expect(rows.map((row) => row[0])).toEqual([-1, -0.5, 0, 0.5, 1]);
    for (const [, mean, std, lower, upper] of rows) {
      expect(std).toBeGreaterThan(0);
      expect(lower).toBeCloseTo(mean! - 1.959964 * std!, 5);
      expect(upper).toBeCloseTo(mean! + 1.959964 * std!, 5);
    }
  });

  it("--sigmas 2 gives mean ∓ 2·std instead", async () => {
    const { rows } = parseCsv((await predict("model.json", ["--x=-1:1:5", "--sigmas", "2"])).stdout);
    for (const [, mean, std, lower, upper] of rows) {
      expect(lower).toBeCloseTo(mean! - 2 * std!, 6);
      expect(upper).toBeCloseTo(mean! + 2 * std!, 6);
    }
  });

  it("--members-out adds member_0 … member_{M-1}, whose mean is the mean column", async () => {
    const { header, rows } = parseCsv((await predict("model.json", ["--x=-1:1:5", "--members-out"])).stdout);
    expect(header).toEqual(["x", "mean", "std", "lower", "upper", "member_0", "member_1"]);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect((row[5]! + row[6]!) / 2).toBeCloseTo(row[1]!, 5);
  });

  it("--format json", async () => {
    const { stdout } = await predict("model.json", ["--x=-1:1:5", "--format", "json"]);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    const json = JSON.parse(stdout);
    expect(json.columns).toEqual(["x"]);
    expect(json.x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(json.level).toBe(0.95);
    expect(json.interval).toBe("gaussian");
    for (const key of ["mean", "std", "lower", "upper"]) expect(json[key]).toHaveLength(5);
    expect(json).not.toHaveProperty("members");
  });

  it("--out FILE writes what stdout would get, and nothing on stdout", async () => {
    const { stdout: expected } = await predict("model.json", ["--x=-1:1:5"]);
    const { dir, stdout } = await predict("model.json", ["--x=-1:1:5", "--out", "predictions.csv"]);
    expect(stdout).toBe("");
    expect(await readFile(join(dir, "predictions.csv"), "utf8")).toBe(expected);
  });

  it("--input takes the model's training columns by name, in any order, ignoring others", async () => {
    const { header, rows } = parseCsv(
      (await predict("rectangles.json", ["--input", join(FIXTURES, "rectangles-query.csv")])).stdout,
    );
    expect(header).toEqual(["height", "width", "mean", "std", "lower", "upper"]);
    expect(rows.map((row) => row.slice(0, 2))).toEqual([
      [1, 3],
      [4, 1],
      [2.5, 2],
    ]);
    for (const row of rows) expect(row.every(Number.isFinite)).toBe(true);
  });

  it("--x=0.1:0.3:3 echoes 0.1, 0.2, 0.3 (not 0.10000000149011612) and writes every float32 in shortest form", async () => {
    const { stdout } = await predict("model.json", ["--x=0.1:0.3:3", "--members-out"]);
    const [header, ...rows] = stdout
      .trimEnd()
      .split("\n")
      .map((line) => line.split(","));
    expect(header).toEqual(["x", "mean", "std", "lower", "upper", "member_0", "member_1"]);
    expect(rows.map((row) => row[0])).toEqual(["0.1", "0.2", "0.3"]);
    for (const row of rows) {
      // mean, std and members are float32: each cell is its own shortest round-trip form.
      for (const cell of [row[1]!, row[2]!, ...row.slice(5)]) expect(cell).toBe(formatFloat32(Number(cell)));
      // lower and upper, float64 sums of float32s, are written to float32 precision as well.
      for (const cell of row.slice(3, 5)) expect(cell).toBe(formatFloat32(Number(cell)));
    }
    const json = JSON.parse((await predict("model.json", ["--x=0.1:0.3:3", "--format", "json"])).stdout);
    expect(json.x).toEqual([0.1, 0.2, 0.3]);
    for (const key of ["mean", "std", "lower", "upper"]) {
      for (const value of json[key] as number[]) expect(String(value)).toBe(formatFloat32(value));
    }
  });

  it("--input echoes the cells as written: 16.6, not 16.600000381469727", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "query.csv"), "x\n16.6\n 1e1 \n0.30\n");
    const csv = await runCli(["predict", "--model", join(modelDir, "model.json"), "--input", "query.csv"], dir);
    expect(csv.code).toBe(0);
    expect(
      csv.stdout
        .trimEnd()
        .split("\n")
        .map((line) => line.split(",")[0]),
    ).toEqual(["x", "16.6", "1e1", "0.30"]);
    const json = await runCli(
      ["predict", "--model", join(modelDir, "model.json"), "--input", "query.csv", "--format", "json"],
      dir,
    );
    expect(JSON.parse(json.stdout).x).toEqual([16.6, 10, 0.3]);
  });
});
