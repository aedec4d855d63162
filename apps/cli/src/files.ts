import { open } from "node:fs/promises";
import {
  DataError,
  decodeText,
  MAX_MODEL_FILE_BYTES,
  type ModelData,
  ModelFormatError,
  readModel,
  registerOnnxModelCodec,
} from "@rpf/core";
import { writeFileAtomically } from "./atomic-write.js";
import { readName, readStdin, STDIO_PATH, writeStdout } from "./stdio.js";

/**
 * Writes a command's output: "-" is stdout, anything else a file written atomically (a reader
 * never sees a half-written file).
 */
export async function writeOutput(path: string, contents: string | Uint8Array): Promise<void> {
  if (path === STDIO_PATH) await writeStdout(contents);
  else await writeFileAtomically(path, contents);
}

function mebibytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
}

/**
 * Reads at most `maxBytes` of a file, or of stdin for "-", refusing larger files before reading
 * them. The size on disk decides for a plain file; a pipe or a device (such as /dev/zero) has none,
 * so reading stops one byte past the cap instead of filling memory.
 */
async function readBounded(path: string, maxBytes: number, tooLarge: (message: string) => Error): Promise<Buffer> {
  const accepted = `${maxBytes} bytes (${mebibytes(maxBytes)})`;
  const endless = () =>
    tooLarge(`${readName(path)} goes on past ${accepted}, the most accepted; reading stopped there`);
  if (path === STDIO_PATH) return readStdin(maxBytes, endless);
  const file = await open(path, "r");
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: "EISDIR", path });
    if (info.size > maxBytes)
      throw tooLarge(`${path} is ${info.size} bytes (${mebibytes(info.size)}); at most ${accepted} are accepted`);
    // One byte more than the file's size, so a plain file is read in one buffer and its end seen.
    let buffer = Buffer.alloc(Math.min(maxBytes, Math.max(info.size, 64 * 1024)) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw endless();
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await file.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > maxBytes) throw endless();
    return buffer.subarray(0, total);
  } finally {
    await file.close();
  }
}

/** A text file (a CSV), or stdin for "-", in UTF-8 or UTF-16 with a byte-order mark; other encodings are refused. */
export async function readTextFile(path: string, maxBytes: number): Promise<string> {
  const name = readName(path);
  return decodeText(await readBounded(path, maxBytes, (message) => new DataError(message, { where: name })), name);
}

// The ONNX codec (with protobuf decoding) is loaded only when a command meets or writes ONNX bytes.
registerOnnxModelCodec(async () => (await import("@rpf/backend-onnx")).onnxModelCodec);

/**
 * Reads an rpf model file (JSON) or an ONNX file that rpf exported, by its contents (core's
 * readModel); "-" reads stdin. Files over MAX_MODEL_FILE_BYTES are refused before reading.
 */
export async function readModelFile(source: string): Promise<ModelData> {
  const path = readName(source);
  const bytes = await readBounded(
    source,
    MAX_MODEL_FILE_BYTES,
    (message) => new ModelFormatError(message, { where: path }),
  );
  return readModel(bytes, { source: path });
}
