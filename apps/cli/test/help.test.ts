import { describe, expect, it } from "vitest";
import { expectOneLineError, runCli, tempDir } from "./run-cli.js";

describe("rpf --help", () => {
  it("for the program lists every command and exits 0", async () => {
    const result = await runCli(["--help"], await tempDir());
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Usage: rpf /);
    for (const command of ["train", "predict", "evaluate", "reproduce", "export", "conformance", "info"])
      expect(result.stdout).toMatch(` ${command} `);
  });

  it.each(["train", "predict", "evaluate", "reproduce", "export", "conformance", "info"])(
    "for %s exits 0",
    async (command) => {
      const result = await runCli([command, "--help"], await tempDir());
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(new RegExp(`^Usage: rpf ${command} `));
    },
  );

  it("no command at all prints the usage on stderr and exits 2", async () => {
    const result = await runCli([], await tempDir());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: rpf /);
  });

  it("an unknown command is a one-line usage error that suggests the near one", async () => {
    const result = await runCli(["trian"], await tempDir());
    expectOneLineError(result, 2, "unknown command 'trian'", "train");
  });
});
