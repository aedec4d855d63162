import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_PATH, expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

const RUN = ["--members", "3", "--epochs", "4000", "--seed", "5", "--batch-size", "32", "--quiet"];

/**
 * Starts a checkpointed `rpf train` and kills it with SIGKILL (no chance to clean up) as soon as
 * its first checkpoint exists: the harshest interruption there is.
 */
function trainAndKill(dir: string, args: readonly string[]): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, "train", ...args], { cwd: dir, stdio: "ignore" });
    const poll = setInterval(() => {
      if (existsSync(join(dir, "part.json.ckpt"))) {
        clearInterval(poll);
        child.kill("SIGKILL");
      }
    }, 5);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal });
    });
  });
}

/** A model file without what legitimately differs between two runs (time of writing and wall time). */
async function comparableModel(path: string): Promise<unknown> {
  const { createdAt: _, checksum: __, training, ...rest } = JSON.parse(await readFile(path, "utf8"));
  const { trainSeconds: ___, ...report } = training;
  return { ...rest, training: report };
}

describe("rpf train --checkpoint-every / --resume", () => {
  it("a run killed with SIGKILL and resumed ends bit-identical to an uninterrupted run", async () => {
    const dir = await tempDir();
    const straight = await runCli(["train", ...RUN, "--out", "full.json"], dir);
    expect(straight.code).toBe(0);

    const killed = await trainAndKill(dir, [...RUN, "--checkpoint-every", "100", "--out", "part.json"]);
    expect(killed.signal).toBe("SIGKILL");
    expect(await listDir(dir)).toEqual(["full.json", "part.json.ckpt"]);
    const saved = JSON.parse(await readFile(join(dir, "part.json.ckpt"), "utf8"));
    expect(saved.state.epoch).toBeGreaterThanOrEqual(100);
    expect(saved.state.epoch).toBeLessThan(4000);

    const resumed = await runCli(["train", "--resume", "part.json.ckpt", "--out", "part.json", "--quiet"], dir);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(await comparableModel(join(dir, "part.json"))).toEqual(await comparableModel(join(dir, "full.json")));
  });

  it("SIGINT during a checkpointed run names the checkpoint to resume from", async () => {
    const dir = await tempDir();
    const child = spawn(
      process.execPath,
      [CLI_PATH, "train", "--epochs", "200000", "--checkpoint-every", "50", "--checkpoint", "run.ckpt"],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const poll = setInterval(() => {
      if (existsSync(join(dir, "run.ckpt"))) {
        clearInterval(poll);
        child.kill("SIGINT");
      }
    }, 5);
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(
      /^rpf: error: interrupted by SIGINT during training; no model was written; resume from epoch \d+ with --resume run\.ckpt$/,
    );
    expect(await listDir(dir)).toEqual(["run.ckpt"]);
  });

  it("refuses what a checkpointed or resumed run cannot do, in one line", async () => {
    const dir = await tempDir();
    const csv = "x,y\n0,1\n1,2\n2,2.5\n3,4\n";
    await writeFile(join(dir, "data.csv"), csv);
    const first = await runCli(
      ["train", "--data", "data.csv", "--epochs", "400", "--checkpoint-every", "100", "--out", "m.json", "--quiet"],
      dir,
    );
    expect(first.code).toBe(0);

    expectOneLineError(
      await runCli(["train", "--resume", "m.json.ckpt", "--members", "4"], dir),
      2,
      "--resume continues the checkpoint's run with its own settings; remove --members",
    );
    await writeFile(join(dir, "data.csv"), csv.replace("2.5", "2.6"));
    expectOneLineError(
      await runCli(["train", "--resume", "m.json.ckpt", "--out", "again.json"], dir),
      2,
      "the data differs from the data the checkpoint was trained on",
    );
    expectOneLineError(
      await runCli(["train", "--checkpoint-every", "10"], dir),
      2,
      "give --checkpoint <file> or --out",
    );
    expectOneLineError(
      await runCli(["train", "--checkpoint", "x.ckpt"], dir),
      2,
      "--checkpoint needs --checkpoint-every",
    );
    expectOneLineError(await runCli(["train", "--checkpoint-every", "0", "--out", "x.json"], dir), 2, "integer >= 1");
    await writeFile(join(dir, "broken.ckpt"), "{");
    expectOneLineError(
      await runCli(["train", "--resume", "broken.ckpt"], dir),
      1,
      "broken.ckpt: the file is not an rpf checkpoint (not valid JSON; it may be truncated)",
    );
    expectOneLineError(
      await runCli(["train", "--resume", "m.json"], dir),
      1,
      'm.json: the file is not an rpf checkpoint (format is "rpf-model")',
    );
    expect(await listDir(dir)).toEqual(["broken.ckpt", "data.csv", "m.json", "m.json.ckpt"]);
  });
});
