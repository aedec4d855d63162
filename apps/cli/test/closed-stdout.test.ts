import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, tempDir, trainSmallModel } from "./run-cli.js";

interface ClosedRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly bytesRead: number;
}

/**
 * Runs `rpf ARGS` with stdout a pipe whose reading end the test closes: at once (`when: "start"`),
 * before rpf writes anything, or after the first chunk arrives (`when: "first-chunk"`), as `head`
 * does.
 */
function runWithClosedStdout(args: readonly string[], cwd: string, when: "start" | "first-chunk"): Promise<ClosedRun> {
  const { RPF_DEBUG: _debug, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let bytesRead = 0;
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    if (when === "start") child.stdout.destroy();
    else
      child.stdout.once("data", (chunk: Buffer) => {
        bytesRead += chunk.length;
        child.stdout.destroy();
      });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr, bytesRead }));
  });
}

function expectQuietExit(run: ClosedRun): void {
  expect(run.stderr).not.toMatch(/EPIPE|\n\s+at |Error/);
  expect(run.signal).toBeNull();
  expect(run.code).toBe(0);
}

describe("a closed stdout ends rpf quietly with exit code 0", () => {
  it("predict piped into a reader that stops after the first chunk (as `| head -2`)", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    // About 15 MB of CSV: far more than a pipe holds, so rpf is still writing when the reader goes.
    const run = await runWithClosedStdout(
      ["predict", "--model", "model.json", "--x", "-5:5:200000"],
      dir,
      "first-chunk",
    );
    expect(run.bytesRead).toBeGreaterThan(0);
    expectQuietExit(run);
  });

  it("predict | head -2 in a shell with pipefail: two lines, nothing on stderr, status 0", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    const script = `set -o pipefail; "${process.execPath}" "${CLI_PATH}" predict --model model.json --x -5:5:200000 | head -2`;
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile("bash", ["-c", script], { cwd: dir, encoding: "utf8" }, (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
      );
    });
    expect(result.stderr).toBe("");
    expect(result.stdout.split("\n")).toHaveLength(3);
    expect(result.stdout).toMatch(/^x,mean,std,lower,upper\n-5,/);
    expect(result.code).toBe(0);
  });

  it.each(
    [
      ["--version"],
      ["--help"],
      ["train", "--help"],
      ["info"],
      ["info", "--json"],
      ["train", "--members", "2", "--epochs", "20", "--json"],
      ["train", "--members", "2", "--epochs", "20", "-o", "-"],
      ["train", "--members", "2", "--epochs", "20"],
      ["conformance", "--quick", "--backends", "matrix", "--json"],
    ].map((args) => [args.join(" "), args] as const),
  )("rpf %s with stdout closed before it writes", async (_, args) => {
    expectQuietExit(await runWithClosedStdout(args, await tempDir(), "start"));
  });

  it("predict and export to stdout with stdout closed before they write", async () => {
    const dir = await tempDir();
    await trainSmallModel(dir);
    expectQuietExit(await runWithClosedStdout(["predict", "--model", "model.json", "--x", "-1:1:5"], dir, "start"));
    expectQuietExit(await runWithClosedStdout(["export", "--model", "model.json", "-o", "-"], dir, "start"));
  });

  it("reproduce --quick with stdout closed still writes its figures and exits 0", async () => {
    const dir = await tempDir();
    expectQuietExit(await runWithClosedStdout(["reproduce", "--quick", "-o", "out", "-q"], dir, "start"));
    expect(existsSync(join(dir, "out", "summary.json"))).toBe(true);
  });
});

describe("a closed stderr", () => {
  it("silences progress but the run goes on and saves its model", async () => {
    const dir = await tempDir();
    const { RPF_DEBUG: _debug, ...env } = process.env;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI_PATH, "train", "--members", "2", "--epochs", "200", "-o", "m.json"], {
        cwd: dir,
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      child.stderr.destroy();
      child.on("error", reject);
      child.on("close", (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(0);
    expect(existsSync(join(dir, "m.json"))).toBe(true);
  });
});
