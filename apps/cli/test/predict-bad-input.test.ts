import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, expectOneLineError, FIXTURES, listDir, runCli, tempDir, trainSmallModel } from "./run-cli.js";

let modelDir: string;
let modelText: string;

beforeAll(async () => {
  modelDir = await mkdtemp(join(tmpdir(), "rpf-cli-model-"));
  modelText = await readFile(await trainSmallModel(modelDir), "utf8");
});

afterAll(() => rm(modelDir, { recursive: true, force: true }));

function editWeightCharacter(text: string): string {
  const weights: string = JSON.parse(text).params.trainable.data;
  const middle = Math.floor(weights.length / 2);
  const edited = `${weights.slice(0, middle)}${weights[middle] === "A" ? "B" : "A"}${weights.slice(middle + 1)}`;
  return text.replace(weights, edited);
}

function bumpFormatVersion(text: string): string {
  return text.replace(/"formatVersion":\s*\d+\b/, '"formatVersion": 99');
}

/**
 * Runs `rpf predict --model model.json ARGS --out predictions.csv` in a fresh folder holding
 * model.json (with `modelContents`) and rectangles.csv; returns the result and what the folder holds after.
 */
async function predictWith(modelContents: string, args: readonly string[]): Promise<CliResult & { files: string[] }> {
  const dir = await tempDir();
  await writeFile(join(dir, "model.json"), modelContents);
  await copyFile(join(FIXTURES, "rectangles.csv"), join(dir, "rectangles.csv"));
  const result = await runCli(["predict", "--model", "model.json", ...args, "--out", "predictions.csv"], dir);
  return { ...result, files: await listDir(dir) };
}

const untouched = ["model.json", "rectangles.csv"];

describe("rpf predict refuses bad model files", () => {
  it("a truncated model file", async () => {
    const result = await predictWith(modelText.slice(0, Math.floor(modelText.length / 2)), ["--x=-1:1:5"]);
    expectOneLineError(result, 1, "model.json", "not an rpf model", "truncated");
    expect(result.files).toEqual(untouched);
  });

  it("a model file with one weight character edited", async () => {
    const edited = editWeightCharacter(modelText);
    expect(edited).not.toBe(modelText);
    const result = await predictWith(edited, ["--x=-1:1:5"]);
    expectOneLineError(result, 1, "model.json", "checksum does not match");
    expect(result.files).toEqual(untouched);
  });

  it("a file that is not a model (a CSV)", async () => {
    const result = await predictWith(await readFile(join(FIXTURES, "rectangles.csv"), "utf8"), ["--x=-1:1:5"]);
    expectOneLineError(result, 1, "model.json is CSV text", "not a model; expected an rpf model");
    expect(result.files).toEqual(untouched);
  });

  it("a model from a newer rpf (formatVersion 99) asks for an upgrade, not about the checksum", async () => {
    const bumped = bumpFormatVersion(modelText);
    expect(bumped).not.toBe(modelText);
    const result = await predictWith(bumped, ["--x=-1:1:5"]);
    expectOneLineError(result, 1, "model.json", "format version 99", "upgrade rpf");
    expect(result.stderr).not.toContain("checksum");
    expect(result.files).toEqual(untouched);
  });
});

describe("rpf predict refuses bad inputs", () => {
  it("--x 1:2 (a grid without a count)", async () => {
    const result = await predictWith(modelText, ["--x", "1:2"]);
    expectOneLineError(result, 2, "--x", '"1:2"', "START:STOP:COUNT");
    expect(result.files).toEqual(untouched);
  });

  it("--input with 3 bare x values and no header (it gave 2 rows)", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "model.json"), modelText);
    await writeFile(join(dir, "bare.csv"), "0.1\n0.2\n0.3\n");
    const result = await runCli(["predict", "--model", "model.json", "--input", "bare.csv", "--out", "p.csv"], dir);
    expectOneLineError(
      result,
      1,
      'bare.csv line 1 holds only numbers ("0.1")',
      "a header row naming the columns is required",
    );
    expect(await listDir(dir)).toEqual(["bare.csv", "model.json"]);
  });

  it("--x with a bound that rounds to Infinity in float32 (3.5e38)", async () => {
    const result = await predictWith(modelText, ["--x=0:3.5e38:3"]);
    expectOneLineError(result, 2, "--x", '"3.5e38"', "within the float32 range (±3.4028235e38)");
    expect(result.files).toEqual(untouched);
  });

  it("--sigmas beyond float32", async () => {
    const result = await predictWith(modelText, ["--x=0:1:3", "--sigmas", "1e39"]);
    expectOneLineError(result, 2, "--sigmas", "within the float32 range", '"1e39"');
    expect(result.files).toEqual(untouched);
  });

  it("both --x and --input", async () => {
    const result = await predictWith(modelText, ["--x=-1:1:5", "--input", "rectangles.csv"]);
    expectOneLineError(result, 2, "--x", "--input");
    expect(result.files).toEqual(untouched);
  });
});
