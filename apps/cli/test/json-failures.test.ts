import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, listDir, runCli, tempDir } from "./run-cli.js";

/** The last line of stderr as JSON: progress lines may come before it, as without --json. */
function failureOf(stderr: string): Record<string, unknown> {
  const lines = stderr.trimEnd().split("\n");
  return JSON.parse(lines.at(-1)!) as Record<string, unknown>;
}

/**
 * With `--json`, a failure is core's serialized error as one JSON line on stderr: the same name,
 * code and details a program would catch in-process, the message the one line users see without
 * --json, the same exit code, and nothing written.
 */
describe("rpf --json failures", () => {
  it("rpf's error: its name, code, message and details, as one line of JSON", async () => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES, "rectangles.csv"), join(dir, "rectangles.csv"));
    const args = ["train", "--data", "rectangles.csv", "--y-col", "nope", "--members", "2", "--out", "model.json"];
    const plain = await runCli(args, dir);
    const json = await runCli([...args, "--json"], dir);
    expect(json.code).toBe(2);
    expect(json.code).toBe(plain.code);
    expect(json.stdout).toBe("");
    expect(json.stderr).toMatch(/^\{.*\}\n$/);
    const failure = failureOf(json.stderr);
    expect(failure).toMatchObject({ name: "InvalidArgumentError", code: "invalid_argument" });
    expect(failure.details).toMatchObject({ field: expect.any(String) });
    expect(`rpf: error: ${failure.message}\n`).toBe(plain.stderr);
    expect(await listDir(dir)).toEqual(["rectangles.csv"]);
  });

  it("a DataError names the file and line in its details", async () => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES, "non-numeric-cell.csv"), join(dir, "bad.csv"));
    const result = await runCli(["train", "--data", "bad.csv", "--members", "2", "--json", "-o", "m.json"], dir);
    expect(result.code).toBe(1);
    expect(failureOf(result.stderr)).toMatchObject({
      name: "DataError",
      code: "invalid_data",
      details: { field: "y", where: "bad.csv:3" },
    });
    expect(await listDir(dir)).toEqual(["bad.csv"]);
  });

  it("a file error keeps Node's code, with the message said in words", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--data", "missing.csv", "--json", "-o", "m.json"], dir);
    expect(result.code).toBe(1);
    expect(failureOf(result.stderr)).toEqual({
      name: "Error",
      code: "ENOENT",
      message: "no such file: missing.csv",
      details: {},
    });
  });

  it("a usage error keeps commander's code and exit code 2", async () => {
    const dir = await tempDir();
    const result = await runCli(["train", "--json", "--bogus"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^\{.*\}\n$/);
    expect(failureOf(result.stderr)).toMatchObject({ name: "CommanderError", code: "commander.unknownOption" });
  });

  it("a command without --json refuses it as an unknown option, in the usual line", async () => {
    const dir = await tempDir();
    const result = await runCli(["predict", "--model", "m.json", "--json"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("rpf: error: unknown option '--json' (run with --help for usage)\n");
  });
});
