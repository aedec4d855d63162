import { execFile } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const script = join(dirname(fileURLToPath(import.meta.url)), "setup.sh");
const run = promisify(execFile);

/** Runs setup.sh with PATH limited to `bin` (plus what bash itself needs), never letting it install. */
async function setup(args: readonly string[], bin: string) {
  try {
    const { stdout, stderr } = await run("bash", [script, ...args], { env: { PATH: `${bin}:/usr/bin:/bin` } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A folder of stand-in commands: a `node` that reports `nodeVersion`, and pnpm only when given. */
async function fakeBin(nodeVersion: string, pnpmVersion?: string): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), "rpf-setup-"));
  folders.push(bin);
  const stub = async (name: string, output: string) => {
    await writeFile(join(bin, name), `#!/bin/sh\necho ${output}\n`);
    await chmod(join(bin, name), 0o755);
  };
  await stub("node", nodeVersion);
  if (pnpmVersion) await stub("pnpm", pnpmVersion);
  else await symlink("/bin/false", join(bin, "pnpm")).catch(() => undefined);
  return bin;
}

describe("tooling/setup.sh", () => {
  it("plans pnpm, the workspace and the build on a machine without pnpm", async () => {
    const result = await setup(["--dry-run"], await fakeBin("v20.20.0"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("would run: npm install -g pnpm@12.4.2");
    expect(result.stdout).toContain("would run: pnpm install --frozen-lockfile");
    expect(result.stdout).toContain("would run: pnpm build");
  });

  it("leaves an installed pnpm of the pinned version alone", async () => {
    const result = await setup(["--dry-run"], await fakeBin("v20.20.0", "12.4.2"));
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("npm install -g");
  });

  it("refuses a Node.js older than 20.19 and says which it found", async () => {
    const result = await setup(["--dry-run"], await fakeBin("v20.18.3", "12.4.2"));
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/Node\.js >= 20\.19 is required, found v20\.18\.3/);
  });

  it("refuses an unknown option, listing the accepted ones", async () => {
    const result = await setup(["--fast"], await fakeBin("v20.20.0", "12.4.2"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("accepted: --dry-run, --bench");
  });

  it("installs redis-server, which the queue's tests and bench start, checked at the path they run", async () => {
    const text = await readFile(script, "utf8");
    const queueTesting = await readFile(join(dirname(script), "../packages/queue/src/testing/redis-server.ts"), "utf8");
    const path = /REDIS_SERVER = "([^"]+)"/.exec(queueTesting)?.[1];
    expect(path).toBe("/usr/bin/redis-server");
    expect(text).toContain(`"redis-server:${path}"`);
  });
});
