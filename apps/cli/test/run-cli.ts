import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, onTestFinished } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** The built `rpf` binary: these tests run what users run, so build first (`npx turbo run build`). */
export const CLI_PATH = join(here, "..", "dist", "bin.js");
export const FIXTURES = join(here, "fixtures");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Bytes for the child's stdin (default: none, stdin closed at once). */
  readonly input?: string | Uint8Array;
}

/** Runs `rpf ARGS` in `cwd` with stdout/stderr as pipes (so not a TTY) and stdin closed or given. */
export function runCli(args: readonly string[], cwd: string, options: RunOptions = {}): Promise<CliResult> {
  return runCliBytes(args, cwd, options).then((result) => ({
    ...result,
    stdout: result.stdout.toString("utf8"),
  }));
}

/** As runCli, with stdout as bytes (for binary output such as ONNX on stdout). */
export function runCliBytes(
  args: readonly string[],
  cwd: string,
  options: RunOptions = {},
): Promise<Omit<CliResult, "stdout"> & { stdout: Buffer }> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npx turbo run build\` first`);
  // RPF_DEBUG adds stack traces to errors; these tests check the output users see.
  const { RPF_DEBUG: _debug, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [CLI_PATH, ...args],
      { cwd, env, encoding: "buffer", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr: stderr.toString("utf8") });
      },
    );
    // A child that exits without reading its stdin closes the pipe: not a failure of the test.
    child.stdin?.on("error", () => {});
    child.stdin?.end(options.input);
  });
}

/** A fresh, empty folder for the running test, removed when the test finishes. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "rpf-cli-test-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

/** The run failed with `code` and exactly one line on stderr, `rpf: error: …`, mentioning each of `mentions`. */
export function expectOneLineError(result: CliResult, code: number, ...mentions: (string | RegExp)[]): void {
  expect(result.stderr).toMatch(/^rpf: error: .+\n$/);
  expect(result.stderr).not.toContain("    at ");
  expect(result.code).toBe(code);
  expect(result.stdout).toBe("");
  for (const mention of mentions) expect(result.stderr).toMatch(mention);
}

/** Trains a small ensemble (2 members, 20 epochs, toy data unless `extra` says otherwise) into dir/file. */
export async function trainSmallModel(
  dir: string,
  file = "model.json",
  extra: readonly string[] = [],
): Promise<string> {
  const result = await runCli(["train", "--members", "2", "--epochs", "20", "--quiet", ...extra, "--out", file], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return join(dir, file);
}

/**
 * For a whole describe block: a fresh folder holding `files` and a model trained into `model` with
 * `rpf train ARGS`, removed after the block. Returns a getter for the folder.
 */
export function useTrainedModel(
  args: readonly string[],
  model: string,
  files: Readonly<Record<string, string>> = {},
): () => string {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "rpf-cli-test-"));
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    const trained = await runCli(["train", ...args, "--quiet", "--out", model], dir);
    expect(trained.stderr).toBe("");
    expect(trained.code).toBe(0);
  }, 180_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return () => dir;
}
