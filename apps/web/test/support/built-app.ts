import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const APP_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REPO_ROOT = join(APP_ROOT, "..", "..");
/**
 * Everything the bundle is made from: the app and the workspace packages it compiles from source,
 * with their package.json files (their export and import conditions choose modules).
 */
const INPUTS = [
  join(APP_ROOT, "index.html"),
  join(APP_ROOT, "vite.config.ts"),
  join(APP_ROOT, "src"),
  ...["core", "backend-matrix", "backend-tfjs", "backend-onnx"].flatMap((name) => [
    join(REPO_ROOT, "packages", name, "src"),
    join(REPO_ROOT, "packages", name, "package.json"),
  ]),
];
/** A build lock older than this was left by a crashed run. */
const STALE_LOCK_MS = 5 * 60_000;
const BUILD_PREFIX = "rpf-web-build-";
/** Builds of older sources are removed once this old (a run in progress may still serve one). */
const STALE_BUILD_MS = 60 * 60_000;

async function filesUnder(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function inputsHash(): Promise<string> {
  const hash = createHash("sha256");
  const files = (await Promise.all(INPUTS.map(filesUnder))).flat().sort();
  for (const file of files) {
    hash.update(relative(REPO_ROOT, file));
    hash.update(await readFile(file));
  }
  return hash.digest("hex").slice(0, 16);
}

async function acquireLock(lock: string): Promise<void> {
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch {
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function removeStaleBuilds(keep: string): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const path = join(tmpdir(), name);
    if (!name.startsWith(BUILD_PREFIX) || path === keep) continue;
    const { mtimeMs } = await stat(path);
    if (Date.now() - mtimeMs > STALE_BUILD_MS) await rm(path, { recursive: true, force: true });
  }
}

/**
 * The production build of the playground, made with Vite's JS API into a temporary folder named
 * for a hash of its sources. Test files share it: the first to ask builds (under a lock, since
 * Vitest may run files in parallel), the others reuse it, so `vitest run` alone is enough.
 */
export async function builtApp(): Promise<string> {
  const outDir = join(tmpdir(), `${BUILD_PREFIX}${await inputsHash()}`);
  if (existsSync(join(outDir, "index.html"))) return outDir;
  const lock = `${outDir}.lock`;
  await acquireLock(lock);
  try {
    if (existsSync(join(outDir, "index.html"))) return outDir;
    const staging = `${outDir}.${process.pid}`;
    await build({
      root: APP_ROOT,
      configFile: join(APP_ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "error",
      build: { outDir: staging, emptyOutDir: true },
    });
    await rename(staging, outDir);
    await removeStaleBuilds(outDir);
    return outDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
