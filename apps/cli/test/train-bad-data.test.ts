import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectOneLineError, FIXTURES, listDir, runCli, tempDir } from "./run-cli.js";

/** Bad training data: one clear line, exit 1 (2 for a column that is not there), and nothing written. */
const cases: { name: string; file: string; extra?: string[]; code: number; mentions: string[] }[] = [
  {
    name: "a missing column",
    file: "rectangles.csv",
    extra: ["--y-col", "nope"],
    code: 2,
    mentions: ['"nope"', "area"],
  },
  { name: "a non-numeric cell", file: "non-numeric-cell.csv", code: 1, mentions: ["line 3", '"y"', '"abc"'] },
  { name: "a NaN cell", file: "nan-cell.csv", code: 1, mentions: ["line 4", '"x"', '"NaN"'] },
  { name: "an Infinity cell", file: "infinity-cell.csv", code: 1, mentions: ["line 3", '"Infinity"'] },
  { name: "ragged rows", file: "ragged-rows.csv", code: 1, mentions: ["line 3", "3 cells", "header has 2"] },
  { name: "no rows, only a header", file: "header-only.csv", code: 1, mentions: ["no data rows"] },
  { name: "an empty file", file: "empty.csv", code: 1, mentions: ["empty.csv is empty"] },
];

describe("rpf train refuses bad data", () => {
  it.each(cases)("$name", async ({ file, extra = [], code, mentions }) => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES, file), join(dir, file));
    const result = await runCli(
      ["train", "--data", file, ...extra, "--members", "2", "--epochs", "20", "--out", "model.json"],
      dir,
    );
    expectOneLineError(result, code, file, ...mentions);
    expect(await listDir(dir)).toEqual([file]);
  });

  it("a missing file", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--data", "missing.csv", "--members", "2", "--out", "model.json"], dir);
    expectOneLineError(result, 1, "no such file: missing.csv");
    expect(await listDir(dir)).toEqual([]);
  });
});
