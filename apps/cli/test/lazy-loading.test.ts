import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI_PATH, tempDir } from "./run-cli.js";

/**
 * Which modules `rpf ARGS` loads: a module-resolution hook records every URL the process resolves.
 * Start-up time itself is measured by the bench harness (docs/benchmarks.md); this pins down why it
 * is short, without timing anything.
 */
async function modulesLoadedBy(args: readonly string[]): Promise<string[]> {
  const dir = await tempDir();
  const log = join(dir, "resolved.txt");
  await writeFile(log, "");
  await writeFile(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
  return result;
}`,
  );
  await writeFile(
    join(dir, "register.mjs"),
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`,
  );
  const code = await new Promise<number>((resolve) => {
    execFile(process.execPath, ["--import", join(dir, "register.mjs"), CLI_PATH, ...args], { cwd: dir }, (error) =>
      resolve(error ? (error.code as number) : 0),
    );
  });
  expect(code).toBe(0);
  return (await readFile(log, "utf8")).split("\n").filter(Boolean);
}

const HEAVY = {
  core: /\/packages\/core\/|@rpf\+core|@stdlib/,
  matrix: /backend-matrix/,
  tfjs: /backend-tfjs|@tensorflow/,
  onnx: /backend-onnx|onnxruntime/,
  figures: /\/vega|@resvg/,
  commandModules: /\/dist\/(commands\/(?!catalogue)|reproduce\/|figures\/|files|backends)/,
};

describe("rpf loads only what the command needs", () => {
  it.each([["--version"], ["--help"]])("%s loads no rpf package, backend, figure library or command", async (flag) => {
    const loaded = await modulesLoadedBy([flag]);
    expect(loaded.some((url) => url.endsWith("/commander/esm.mjs"))).toBe(true);
    for (const pattern of Object.values(HEAVY)) expect(loaded.filter((url) => pattern.test(url))).toEqual([]);
  });

  it.each([
    ["auto", ["train", "--members", "2", "--epochs", "5", "-q"]],
    ["matrix", ["train", "--members", "2", "--epochs", "5", "-q", "--backend", "matrix"]],
  ])("train on %s loads backend-matrix but not tfjs, onnx or the figure libraries", async (_, args) => {
    const loaded = await modulesLoadedBy(args);
    expect(loaded.some((url) => HEAVY.matrix.test(url))).toBe(true);
    for (const pattern of [HEAVY.tfjs, HEAVY.onnx, HEAVY.figures])
      expect(loaded.filter((url) => pattern.test(url))).toEqual([]);
  });

  it("train --backend tfjs:cpu loads tfjs but not onnx", async () => {
    const loaded = await modulesLoadedBy(["train", "--members", "2", "--epochs", "2", "-q", "--backend", "tfjs:cpu"]);
    expect(loaded.some((url) => HEAVY.tfjs.test(url))).toBe(true);
    expect(loaded.filter((url) => HEAVY.onnx.test(url) || HEAVY.figures.test(url))).toEqual([]);
  });

  it("train --help loads its own command only, and no backend", async () => {
    const loaded = await modulesLoadedBy(["train", "--help"]);
    expect(loaded.some((url) => url.endsWith("/dist/commands/train.js"))).toBe(true);
    for (const pattern of [HEAVY.matrix, HEAVY.tfjs, HEAVY.onnx, HEAVY.figures])
      expect(loaded.filter((url) => pattern.test(url))).toEqual([]);
    expect(
      loaded.filter((url) => /\/dist\/commands\/(predict|evaluate|export|info|conformance)\.js$/.test(url)),
    ).toEqual([]);
  });
});
