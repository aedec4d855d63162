import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { decodeModel, MAX_MODEL_FILE_BYTES, type ModelData, ModelFormatError } from "@rpf/core";
import writeFileAtomic from "write-file-atomic";

/** Writes through a temporary file and a rename, so a reader never sees a half-written file. */
export async function writeFileSafely(path: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  try {
    await writeFileAtomic(path, typeof contents === "string" ? contents : Buffer.from(contents));
  } catch (error) {
    // write-file-atomic's errors name its temporary file; report the file that was asked for.
    if ((error as NodeJS.ErrnoException).path) Object.assign(error as object, { path });
    throw error;
  }
}

export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR", path });
  if (info.size > maxBytes)
    throw new ModelFormatError(`${path} is ${info.size} bytes; at most ${maxBytes} are accepted`);
  return readFile(path, "utf8");
}

export async function readModelFile(path: string): Promise<ModelData> {
  const text = await readTextFile(path, MAX_MODEL_FILE_BYTES);
  try {
    return decodeModel(text);
  } catch (error) {
    if (error instanceof ModelFormatError)
      throw new ModelFormatError(`${path}: ${error.message}`, { where: path }, error);
    throw error;
  }
}
