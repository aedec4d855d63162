import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { CLI_PATH, listDir, tempDir } from "./run-cli.js";

/** Starts a long `rpf train` (progress every 1% = 2,000 epochs, about a second here), sends `signal` once the first progress line appears, and collects the end. */
function trainAndInterrupt(dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, "train", "--epochs", "200000", "--out", "model.json"], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const before = stderr;
      stderr += chunk.toString();
      if (!before.includes(" epoch ") && stderr.includes(" epoch ")) child.kill(signal);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("rpf train interrupted by a signal", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s stops training, exits %i and leaves no model file", async (signal, exitCode) => {
    const dir = await tempDir();
    const { code, stderr } = await trainAndInterrupt(dir, signal);
    expect(code).toBe(exitCode);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `rpf: error: interrupted by ${signal} during training; no model was written`,
    );
    expect(await listDir(dir)).toEqual([]);
  });
});
