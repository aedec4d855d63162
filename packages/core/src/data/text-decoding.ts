import { DataError } from "../errors.js";

const ACCEPTED = "rpf reads UTF-8 text (a byte-order mark is fine) or UTF-16 text that starts with a byte-order mark";

/** The encoding a byte-order mark names; UTF-8 (with or without its mark) otherwise. */
function encodingOf(bytes: Uint8Array): "utf-8" | "utf-16le" | "utf-16be" {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return "utf-8";
}

/** Files users pass by mistake, told apart by their first bytes. */
const CONTAINERS = [
  { magic: [0x1f, 0x8b], what: "is compressed with gzip: decompress it first" },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: "is a ZIP archive (an Excel .xlsx workbook?): export the sheet as CSV" },
] as const;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function nulError(text: string, index: number, source: string): DataError {
  return new DataError(
    `${source} line ${lineAt(text, index)} holds a NUL byte: it looks like a binary file, or UTF-16 text without a byte-order mark; ${ACCEPTED}`,
    { where: source, accepted: ACCEPTED },
  );
}

/**
 * The text of a file such as a CSV. Decodes UTF-8, and UTF-16 when a byte-order mark says so (a
 * spreadsheet's "Unicode text"); refuses anything else rather than guess, so a Latin-1 file or a
 * binary file is never read as garbled numbers or column names. The byte-order mark is dropped.
 * @throws {DataError} for gzip or ZIP data (an .xlsx workbook), bytes that are not valid UTF-8 (or UTF-16
 *   after its byte-order mark), or a NUL byte (a binary file), naming the line.
 */
export function decodeText(bytes: Uint8Array, source = "the file"): string {
  for (const { magic, what } of CONTAINERS) {
    if (magic.every((byte, i) => bytes[i] === byte))
      throw new DataError(`${source} ${what}; ${ACCEPTED}`, { where: source, accepted: ACCEPTED });
  }
  const encoding = encodingOf(bytes);
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    // Decode again, replacing what is invalid, only to say on which line the first problem is.
    const lossy = new TextDecoder(encoding).decode(bytes);
    // Text in a legacy encoding never holds NUL; a binary file almost always does.
    const nul = lossy.indexOf("\0");
    if (nul >= 0) throw nulError(lossy, nul, source);
    const invalid = Math.max(0, lossy.indexOf("\uFFFD"));
    const what =
      encoding === "utf-8"
        ? "bytes that are not UTF-8 (is the file Latin-1 or Windows-1252?)"
        : `bytes that are not valid ${encoding.toUpperCase()}, though the file starts with its byte-order mark`;
    throw new DataError(`${source} line ${lineAt(lossy, invalid)} holds ${what}; ${ACCEPTED}: save it as UTF-8`, {
      where: source,
      accepted: ACCEPTED,
    });
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) throw nulError(text, nul, source);
  return text;
}
