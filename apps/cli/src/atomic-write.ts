import { createHash, randomBytes } from "node:crypto";
import { readlinkSync, unlinkSync } from "node:fs";
import { chmod, lstat, mkdir, open, readdir, realpath, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";

/**
 * Atomic writes (temporary file, fsync, rename) whose temporaries carry rpf's own name pattern:
 *
 *     <target>.<pid>.<where>.<random>.rpf-tmp
 *
 * <pid> is the writing process, <where> 8 hex digits naming its host and (on Linux) its pid
 * namespace, <random> 8 hex digits. A SIGKILL between creating and renaming the temporary leaves it
 * behind; the next write of the same target removes such leftovers when their writer is known to
 * be dead (same host and namespace, and no process has that pid) or when they are older than a day.
 * A live writer's temporary is never removed: its pid is alive, or it is on another host and young.
 * write-file-atomic and atomically were tried: neither lets the name carry the pid, and atomically
 * re-raises SIGINT and SIGTERM itself, which would cut `rpf train`'s own interruption handling short.
 */

const TEMPORARY_SUFFIX = ".rpf-tmp";
/** Longer target names are cut in the temporary's name, which must stay within 255 bytes. */
const MAX_STEM = 200;
/** Temporaries older than this are stale whoever wrote them (rpf writes each file in seconds). */
export const STALE_TEMPORARY_AGE_MS = 24 * 60 * 60 * 1000;
const TAIL = /^(\d+)\.([0-9a-f]{8})\.[0-9a-f]{8}\.rpf-tmp$/;

function pidNamespace(): string {
  try {
    return readlinkSync("/proc/self/ns/pid");
  } catch {
    return "";
  }
}

/** This process's host and pid namespace: pids can be compared only between writers alike here. */
const WHERE = createHash("sha256").update(`${hostname()}\n${pidNamespace()}`).digest("hex").slice(0, 8);

function stem(targetName: string): string {
  return targetName.slice(0, MAX_STEM);
}

/** The temporary's file name for a target file name, as written by this process. */
export function temporaryName(targetName: string): string {
  return `${stem(targetName)}.${process.pid}.${WHERE}.${randomBytes(4).toString("hex")}${TEMPORARY_SUFFIX}`;
}

function writerIsDead(pid: number, where: string): boolean {
  if (where !== WHERE || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Removes the stale temporaries rpf left beside `target` (see the module comment); returns the
 * names removed. Errors are ignored: tidying up must never fail a write.
 */
export async function removeStaleTemporaries(target: string, now = Date.now()): Promise<string[]> {
  const dir = dirname(target);
  const prefix = `${stem(basename(target))}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = name.startsWith(prefix) ? TAIL.exec(name.slice(prefix.length)) : null;
    if (!match) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (!info.isFile()) continue;
      if (!writerIsDead(Number(match[1]), match[2]!) && now - info.mtimeMs < STALE_TEMPORARY_AGE_MS) continue;
      await unlink(path);
      removed.push(name);
    } catch {
      // Gone already (another rpf tidied it) or not ours to remove.
    }
  }
  return removed;
}

/** Temporaries being written now; removed if the process exits mid-write (a closed stdout, say). */
const inFlight = new Set<string>();
let exitHookInstalled = false;

function track(path: string): void {
  if (!exitHookInstalled) {
    process.on("exit", () => {
      for (const temporary of inFlight) {
        try {
          unlinkSync(temporary);
        } catch {
          // Already renamed or removed.
        }
      }
    });
    exitHookInstalled = true;
  }
  inFlight.add(path);
}

/**
 * Writes `contents` to `path` atomically: a reader sees the old file or the new one, never a torn
 * one, even after a SIGKILL. Creates missing folders, keeps an existing file's permissions, follows
 * a symbolic link to the file it names, and first removes stale temporaries of the same target.
 * @throws the file system's error, with `path` naming the requested file rather than the temporary.
 */
export async function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const temporary = join(dirname(target), temporaryName(basename(target)));
  // Its errors name the folder that could not be made, which is what the user needs to hear.
  await mkdir(dirname(target), { recursive: true });
  try {
    await removeStaleTemporaries(target);
    const existingMode = (await stat(target).catch(() => null))?.mode;
    track(temporary);
    const file = await open(temporary, "wx");
    try {
      await file.writeFile(contents);
      await file.sync();
    } finally {
      await file.close();
    }
    if (existingMode !== undefined) await chmod(temporary, existingMode & 0o7777);
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    if ((error as NodeJS.ErrnoException).path) Object.assign(error as object, { path });
    throw error;
  } finally {
    inFlight.delete(temporary);
  }
}
