import { execFile } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, type TestContext } from "vitest";
import { ACCEPTED_INPUTS, BAD_INPUTS, type CaseInput, CORPUS, inputName } from "./bad-input-corpus/index.js";
import { CLI_PATH, type CliResult, expectOneLineError, listDir } from "./run-cli.js";

/**
 * A heap far below the machine's: a case that tried to hold a hostile file's claimed size, or
 * parsed it into something much larger, would die of "heap out of memory" (many lines, exit 134).
 */
const HEAP_LIMIT_MB = 256;

/** Runs `rpf ARGS` like runCli does, under HEAP_LIMIT_MB. */
function runCapped(args: readonly string[], cwd: string): Promise<CliResult> {
  const { RPF_DEBUG: _debug, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_LIMIT_MB}`, CLI_PATH, ...args],
      { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") reject(error);
        else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Puts a case's inputs in a fresh folder (removed when the case ends); returns it and the names it holds. */
async function prepare(inputs: readonly CaseInput[], context: TestContext): Promise<{ dir: string; names: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), "rpf-corpus-"));
  context.onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const names: string[] = [];
  for (const input of inputs) {
    const name = inputName(input);
    if ("fixture" in input) await copyFile(join(CORPUS, input.fixture), join(dir, name));
    else await input.make(join(dir, name));
    names.push(name);
  }
  return { dir, names: names.sort() };
}

const OUTPUT: Record<string, string[]> = {
  train: ["--out", "model.json"],
  predict: ["--out", "predictions.csv"],
  export: ["--out", "exported.onnx"],
};

// Each case is its own process in its own folder, so they run side by side (about halving the time on 2 cores).
describe.concurrent("the bad-input corpus: one line, the documented exit code, no output file", () => {
  it.for(BAD_INPUTS.map((c) => ({ ...c, title: `${c.category}: ${c.name}` })))(
    "$title",
    { timeout: 30_000 },
    async ({ inputs, args, out, code, mentions, skip }, context) => {
      if (skip) context.skip(skip);
      const { dir, names } = await prepare(inputs, context);
      const result = await runCapped([...args, ...(out ?? OUTPUT[args[0]!]!)], dir);
      expectOneLineError(result, code, ...mentions);
      // Nothing written: no output, no temporary file, no folder.
      context.expect(await listDir(dir)).toEqual(names);
    },
  );
});

describe("awkward inputs that are accepted", () => {
  it.for(ACCEPTED_INPUTS)("$name", { timeout: 30_000 }, async ({ inputs, args, rows }, context) => {
    const { dir, names } = await prepare(inputs, context);
    const result = await runCapped(args, dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const output = args[args.indexOf("--out") + 1]!;
    expect(await listDir(dir)).toEqual([...names, output].sort());
    const text = await readFile(join(dir, output), "utf8");
    if (rows === undefined) {
      expect(text.trimEnd().split("\n")).toHaveLength(6);
    } else {
      const model = JSON.parse(text);
      expect(model.training.examples).toBe(rows);
      // The header was read as names, whatever the encoding or delimiter.
      expect(model.columns).toEqual({ x: ["x"], y: "y" });
    }
  });
});
