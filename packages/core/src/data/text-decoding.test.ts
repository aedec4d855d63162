import { describe, expect, it } from "vitest";
import { DataError } from "../errors.js";
import { decodeText } from "./text-decoding.js";

const rows = "x,y\n1,2\n3,4\n";
const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return bytes;
}

function refusal(bytes: Uint8Array): DataError {
  try {
    decodeText(bytes, "data.csv");
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return error as DataError;
  }
  throw new Error("expected decodeText to throw");
}

describe("decodeText", () => {
  it("reads UTF-8, dropping a byte-order mark", () => {
    expect(decodeText(utf8(rows))).toBe(rows);
    expect(decodeText(utf8(`\uFEFF${rows}`))).toBe(rows);
    expect(decodeText(utf8("größe,y\n1,2\n"))).toBe("größe,y\n1,2\n");
  });

  it("reads UTF-16 in either byte order when a byte-order mark says so", () => {
    expect(decodeText(utf16(rows, true))).toBe(rows);
    expect(decodeText(utf16(rows, false))).toBe(rows);
  });

  it("refuses Latin-1 bytes, naming the line and the accepted encodings", () => {
    const error = refusal(Uint8Array.from([...utf8("x,y\n1,2\n3,"), 0xb5, ...utf8("4\n")]));
    expect(error.message).toMatch(/^data\.csv line 3 holds bytes that are not UTF-8/);
    expect(error.message).toMatch(/save it as UTF-8/);
  });

  it("refuses NUL bytes: binary files and UTF-16 without a byte-order mark", () => {
    expect(refusal(utf8("x,y\n1,2\n3,\u00004\n")).message).toMatch(/^data\.csv line 3 holds a NUL byte/);
    const noMark = utf16(rows, true).subarray(2);
    expect(refusal(noMark).message).toMatch(/line 1 holds a NUL byte: .*UTF-16 text without a byte-order mark/);
    expect(refusal(Uint8Array.from({ length: 256 }, (_, i) => i)).message).toMatch(/NUL byte/);
  });

  it("says so when a binary file also holds bytes that are not UTF-8 before its first NUL", () => {
    expect(refusal(Uint8Array.of(0x78, 0x2c, 0xff, 0x0a, 0x00)).message).toMatch(/^data\.csv line 2 holds a NUL byte/);
  });

  it("names compressed files and workbooks instead of calling them text in an odd encoding", () => {
    expect(refusal(Uint8Array.of(0x1f, 0x8b, 0x08, 0x00, 0x41)).message).toMatch(
      /^data\.csv is compressed with gzip: decompress it first/,
    );
    expect(refusal(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0x14)).message).toMatch(
      /^data\.csv is a ZIP archive \(an Excel \.xlsx workbook\?\): export the sheet as CSV/,
    );
  });

  it("refuses UTF-16 that breaks off in the middle of a character", () => {
    expect(refusal(utf16(rows, true).subarray(0, 9)).message).toMatch(/not valid UTF-16LE/);
  });
});
