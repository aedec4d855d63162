import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, tempDir, trainSmallModel } from "./run-cli.js";

/** --out naming a folder: the error names that folder (not a temporary file), and nothing is left behind. */
describe("--out naming a directory", () => {
  it("rpf train", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "models"));
    const result = await runCli(["train", "--members", "2", "--epochs", "20", "--quiet", "--out", "models"], dir);
    expectOneLineError(result, 1, /^rpf: error: models is a directory, not a file\n$/);
    expect(await listDir(dir)).toEqual(["models"]);
    expect(await listDir(join(dir, "models"))).toEqual([]);
  });

  it("rpf predict", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    await mkdir(join(dir, "predictions"));
    const result = await runCli(["predict", "--model", "model.json", "--x=-1:1:5", "--out", "predictions"], dir);
    expectOneLineError(result, 1, /^rpf: error: predictions is a directory, not a file\n$/);
    expect(await listDir(dir)).toEqual(["model.json", "predictions"]);
    expect(await listDir(join(dir, "predictions"))).toEqual([]);
  });

  it("a file where --out needs a folder", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "plain"), "not a folder");
    const result = await runCli(
      ["train", "--members", "2", "--epochs", "20", "--quiet", "--out", "plain/model.json"],
      dir,
    );
    expectOneLineError(result, 1, /^rpf: error: cannot create folder plain: a file of that name exists\n$/);
    expect(await listDir(dir)).toEqual(["plain"]);
  });
});
