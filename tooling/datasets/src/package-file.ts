import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The text of a file inside an installed npm package. The data packages export only their entry
 * module, not their data files, so the file is found beside the package's resolved entry.
 */
export async function readPackageFile(packageName: string, entryDepth: number, path: string): Promise<string> {
  let folder = dirname(fileURLToPath(import.meta.resolve(packageName)));
  for (let level = 0; level < entryDepth; level++) folder = dirname(folder);
  return readFile(join(folder, path), "utf8");
}
