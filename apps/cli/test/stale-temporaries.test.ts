import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmod, mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import {
  removeStaleTemporaries,
  STALE_TEMPORARY_AGE_MS,
  temporaryName,
  writeFileAtomically,
} from "../src/atomic-write.js";
import { CLI_PATH, listDir, runCli, tempDir } from "./run-cli.js";

/** A pid that no process has now: that of a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

/** The name this process would give a temporary of `target`, with another writer's pid. */
function temporaryOf(target: string, pid: number): string {
  return temporaryName(target).replace(`.${process.pid}.`, `.${pid}.`);
}

describe("an atomic write", () => {
  it("writes the contents, keeps the file's permissions and leaves no temporary", async () => {
    const dir = await tempDir();
    const path = join(dir, "model.json");
    await writeFile(path, "old");
    await chmod(path, 0o640);
    await writeFileAtomically(path, "new");
    expect(await readFile(path, "utf8")).toBe("new");
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await listDir(dir)).toEqual(["model.json"]);
  });

  it("names its temporary <target>.<pid>.<where>.<random>.rpf-tmp", () => {
    expect(temporaryName("model.json")).toMatch(
      new RegExp(`^model\\.json\\.${process.pid}\\.[0-9a-f]{8}\\.[0-9a-f]{8}\\.rpf-tmp$`),
    );
  });

  it("removes the temporaries of dead writers of the same target, and only those", async () => {
    const dir = await tempDir();
    const dead = deadPid();
    const live = process.ppid;
    const names = {
      deadWriter: temporaryOf("model.json", dead),
      liveWriter: temporaryOf("model.json", live),
      thisProcess: temporaryName("model.json"),
      otherTarget: temporaryOf("other.json", dead),
      otherHost: temporaryOf("model.json", dead).replace(
        /\.([0-9a-f]{8})\.([0-9a-f]{8})\.rpf-tmp$/,
        ".00000000.$2.rpf-tmp",
      ),
      notRpfs: `model.json.${dead}.tmp`,
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), "partial");
    const folderLikeOne = temporaryOf("model.json", deadPid());
    await mkdir(join(dir, folderLikeOne));
    await writeFileAtomically(join(dir, "model.json"), "{}");
    const left = await listDir(dir);
    expect(left).not.toContain(names.deadWriter);
    for (const kept of [
      names.liveWriter,
      names.thisProcess,
      names.otherTarget,
      names.otherHost,
      names.notRpfs,
      folderLikeOne,
    ])
      expect(left).toContain(kept);
  });

  it("removes temporaries older than a day whoever wrote them", async () => {
    const dir = await tempDir();
    const old = temporaryOf("model.json", process.ppid).replace(
      /\.([0-9a-f]{8})\.([0-9a-f]{8})\.rpf-tmp$/,
      ".00000000.$2.rpf-tmp",
    );
    const young = old.replace(/\.([0-9a-f]{8})\.rpf-tmp$/, ".ffffffff.rpf-tmp");
    await writeFile(join(dir, old), "partial");
    await writeFile(join(dir, young), "partial");
    const longAgo = (Date.now() - STALE_TEMPORARY_AGE_MS - 60_000) / 1000;
    await utimes(join(dir, old), longAgo, longAgo);
    expect(await removeStaleTemporaries(join(dir, "model.json"))).toEqual([old]);
    expect(await listDir(dir)).toEqual([young]);
  });
});

describe("rpf train after a writer was killed mid-write", () => {
  /** A process that creates a checkpoint temporary, as rpf's writer names it, and then waits. */
  async function startWriter(dir: string): Promise<{ child: ChildProcess; temporary: string }> {
    const module = pathToFileURL(join(CLI_PATH, "..", "atomic-write.js")).href;
    const script = `import { writeFileSync } from "node:fs";
      import { temporaryName } from ${JSON.stringify(module)};
      const name = temporaryName("model.json.ckpt");
      writeFileSync(name, "half a checkpoint");
      console.log(name);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: dir,
      stdio: ["ignore", "pipe", "inherit"],
    });
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    const temporary = await new Promise<string>((resolve) =>
      child.stdout!.once("data", (line: Buffer) => resolve(line.toString().trim())),
    );
    return { child, temporary };
  }

  const train = ["train", "--members", "2", "--epochs", "20", "--checkpoint-every", "10", "-o", "model.json", "-q"];

  it("removes the stray temporary of a SIGKILLed writer at its next checkpoint", async () => {
    const dir = await tempDir();
    const { child, temporary } = await startWriter(dir);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(await listDir(dir)).toEqual([temporary]);
    const result = await runCli(train, dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await listDir(dir)).toEqual(["model.json", "model.json.ckpt"]);
  });

  it("leaves a live writer's temporary alone", async () => {
    const dir = await tempDir();
    const { temporary } = await startWriter(dir);
    const result = await runCli(train, dir);
    expect(result.code).toBe(0);
    expect(await listDir(dir)).toEqual(["model.json", "model.json.ckpt", temporary].sort());
  });
});
