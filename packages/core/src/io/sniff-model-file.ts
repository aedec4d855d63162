import { ModelFormatError } from "../errors.js";
import { clip } from "./model-messages.js";

/**
 * What a file handed in as a model holds, judged from its bytes alone (its name may lie: a CSV
 * renamed `.json`, an ONNX file saved as `.txt`):
 * - `json`: JSON text (an object or a list), to be read as an rpf model file;
 * - `onnx`: opens as an ONNX ModelProto does;
 * - `csv`, `text`: readable text that is not JSON;
 * - `empty`: no bytes, or only white space;
 * - `binary`: anything else.
 */
export type ModelFileKind = "json" | "onnx" | "csv" | "text" | "empty" | "binary";

/** What `sniffModelFile` found: the kind of file and a description of it for messages. */
export interface SniffedFile {
  readonly kind: ModelFileKind;
  /** What the file is, for a message: "CSV text (first line: "x,y")". */
  readonly description: string;
}

/** What a model file must be, as messages say it. */
export const MODEL_FILE_EXPECTED = "an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)";

/** Enough of a file to tell text from binary and to quote its first line. */
const HEAD_BYTES = 4096;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** Protobuf tags of ModelProto fields 2 to 8 (producer, domain, version, doc string, graph, opsets). */
const ONNX_SECOND_TAGS = new Set([0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42]);

/**
 * An ONNX file opens with field 1, the IR version (tag 0x08, a small varint), and then one of
 * fields 2 to 8: what every ONNX writer emits first, and what no text file begins with.
 */
function opensLikeOnnx(bytes: Uint8Array): boolean {
  const irVersion = bytes[1] ?? 0;
  return bytes[0] === 0x08 && irVersion >= 1 && irVersion <= 20 && ONNX_SECOND_TAGS.has(bytes[2] ?? 0);
}

/** The head as UTF-8 text, or null when it holds bytes no text file has (invalid UTF-8, control codes). */
function headText(bytes: Uint8Array): string | null {
  const hasBom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  const head = bytes.subarray(hasBom ? 3 : 0, HEAD_BYTES);
  let text: string;
  try {
    // `stream` lets a character cut by the head's end pass; only truly invalid bytes throw.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
  return Array.from(text).some(isControl) ? null : text;
}

/** Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not. */
function isControl(character: string): boolean {
  const code = character.charCodeAt(0);
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

/** A first line split into two or more fields by one delimiter, with more lines after it. */
function looksLikeCsv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  const first = lines[0] ?? "";
  return lines.length >= 2 && [",", ";", "\t"].some((delimiter) => first.includes(delimiter));
}

function hexStart(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}

/**
 * Says what a file holds, from its first 4 KiB: JSON, ONNX, CSV or other text, empty, or other
 * binary. Reads nothing beyond the head, so it is cheap on a file of any size.
 */
export function sniffModelFile(bytes: Uint8Array): SniffedFile {
  if (opensLikeOnnx(bytes)) return { kind: "onnx", description: "an ONNX model (protobuf)" };
  const text = headText(bytes);
  if (text === null) {
    return { kind: "binary", description: `binary data that is not an ONNX model (it starts ${hexStart(bytes)})` };
  }
  const opening = text.trimStart();
  if (opening === "") {
    return { kind: "empty", description: bytes.length === 0 ? "empty (0 bytes)" : "blank (only white space)" };
  }
  if (opening.startsWith("{") || opening.startsWith("[")) return { kind: "json", description: "JSON text" };
  const firstLine = JSON.stringify(clip(opening.split(/\r?\n/, 1)[0]!));
  return looksLikeCsv(opening)
    ? { kind: "csv", description: `CSV text (first line: ${firstLine}), not a model` }
    : { kind: "text", description: `plain text (first line: ${firstLine}), not a model` };
}

/**
 * Which reader a model file needs: rpf's JSON model reader or the ONNX importer.
 * @throws {ModelFormatError} saying what the file is and what a model file is, for anything else.
 */
export function modelFileReader(bytes: Uint8Array, source = "the file"): "json" | "onnx" {
  const sniffed = sniffModelFile(bytes);
  if (sniffed.kind === "json" || sniffed.kind === "onnx") return sniffed.kind;
  throw new ModelFormatError(`${source} is ${sniffed.description}; expected ${MODEL_FILE_EXPECTED}`, {
    where: source,
    accepted: MODEL_FILE_EXPECTED,
  });
}
