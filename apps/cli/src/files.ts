import { mkdir, readFile, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { importOnnx } from "@rpf/backend-onnx";
import { DataError, decodeModel, MAX_MODEL_FILE_BYTES, type ModelData, ModelFormatError } from "@rpf/core";
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

async function readBounded(path: string, maxBytes: number, tooLarge: (message: string) => Error): Promise<Buffer> {
  const info = await stat(path);
  if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR", path });
  if (info.size > maxBytes) throw tooLarge(`${path} is ${info.size} bytes; at most ${maxBytes} are accepted`);
  return readFile(path);
}

export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  return (await readBounded(path, maxBytes, (message) => new DataError(message, { where: path }))).toString("utf8");
}

/** True when the bytes look like an rpf JSON model (optional BOM and white space, then "{"). */
function looksLikeJson(bytes: Uint8Array): boolean {
  const text = new TextDecoder()
    .decode(bytes.subarray(0, 64))
    .replace(/^\uFEFF/, "")
    .trimStart();
  return text.startsWith("{");
}

/** Reads an rpf model file (JSON) or an ONNX file that rpf exported, by its contents. */
export async function readModelFile(path: string): Promise<ModelData> {
  const bytes = await readBounded(
    path,
    MAX_MODEL_FILE_BYTES,
    (message) => new ModelFormatError(message, { where: path }),
  );
  try {
    return looksLikeJson(bytes) ? decodeModel(bytes.toString("utf8")) : importOnnx(bytes);
  } catch (error) {
    if (error instanceof ModelFormatError && /not an ONNX model/.test(error.message)) {
      throw new ModelFormatError(
        `${path}: not an rpf model: neither rpf's JSON model format nor an ONNX file`,
        { where: path },
        error,
      );
    }
    if (error instanceof ModelFormatError)
      throw new ModelFormatError(`${path}: ${error.message}`, { where: path }, error);
    throw error;
  }
}
