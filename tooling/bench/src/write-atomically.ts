import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import writeFileAtomic from "write-file-atomic";

/**
 * Writes a report file atomically (write-file-atomic: a temporary file, fsync, rename), so a reader
 * never sees half a file; makes its folder first.
 */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(path, text);
}
