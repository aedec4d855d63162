import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-cli.js";

describe("rpf info", () => {
  it("lists the matrix backend and its cpu device", async () => {
    const result = await runCli(["info"], await tempDir());
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}matrix {2}\(train, infer\)$/m);
    expect(result.stdout).toMatch(/^ {4}matrix:cpu {2}available/m);
  });

  it("--json lists the same as JSON", async () => {
    const result = await runCli(["info", "--json"], await tempDir());
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info.backends).toContainEqual(
      expect.objectContaining({
        name: "matrix",
        train: true,
        infer: true,
        devices: [expect.objectContaining({ name: "cpu", available: true })],
      }),
    );
  });
});
