import { describe, expect, it } from "vitest";
import { ModelFormatError } from "../errors.js";
import { modelFileReader, sniffModelFile } from "./sniff-model-file.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** The first bytes of an ONNX file rpf exports: IR version 8, then the producer name. */
const ONNX_OPENING = [0x08, 0x08, 0x12, 0x03, 0x72, 0x70, 0x66];

describe("sniffModelFile", () => {
  it.each([
    ["an rpf model", utf8('{\n "format": "rpf-model"}'), "json", "JSON text"],
    ["JSON with a byte-order mark and leading space", utf8("\uFEFF  [1, 2]"), "json", "JSON text"],
    ["an ONNX model", Uint8Array.from([...ONNX_OPENING, 0, 0, 0xff]), "onnx", "an ONNX model (protobuf)"],
    ["a CSV", utf8("x,y\n1,2\n3,4\n"), "csv", 'CSV text (first line: "x,y"), not a model'],
    ["a tab-separated table", utf8("x\ty\r\n1\t2\r\n"), "csv", 'CSV text (first line: "x\\ty"), not a model'],
    ["prose", utf8("hello model\n"), "text", 'plain text (first line: "hello model"), not a model'],
    ["nothing", new Uint8Array(0), "empty", "empty (0 bytes)"],
    ["white space", utf8(" \n\t\r\n"), "empty", "blank (only white space)"],
    [
      "a PNG",
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]),
      "binary",
      "binary data that is not an ONNX model (it starts 89 50 4e 47)",
    ],
    ["text with NUL bytes", utf8("x,y\0\0"), "binary", "binary data that is not an ONNX model (it starts 78 2c 79 00)"],
  ] as const)("%s is %s", (_, bytes, kind, description) => {
    expect(sniffModelFile(bytes)).toEqual({ kind, description });
  });

  it("reads only the head: a character cut at 4 KiB still counts as text", () => {
    const text = `x,y\n${"1,2\n".repeat(1023)}é,1\n`;
    expect(new TextEncoder().encode(text).length).toBeGreaterThan(4096);
    expect(sniffModelFile(utf8(text)).kind).toBe("csv");
  });

  it("quotes a long first line clipped", () => {
    const { description } = sniffModelFile(utf8(`${"a".repeat(500)}\n`));
    expect(description.length).toBeLessThan(120);
    expect(description).toContain("(500 characters)");
  });
});

describe("modelFileReader", () => {
  it("sends JSON to the rpf reader and ONNX to the ONNX importer", () => {
    expect(modelFileReader(utf8('{"format": "x"}'))).toBe("json");
    expect(modelFileReader(Uint8Array.from(ONNX_OPENING))).toBe("onnx");
  });

  it("refuses anything else, saying what the file is and what a model file is", () => {
    const read = () => modelFileReader(utf8("x,y\n1,2\n"), "data.json");
    expect(read).toThrow(ModelFormatError);
    expect(read).toThrow(
      'data.json is CSV text (first line: "x,y"), not a model; expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)',
    );
    expect(() => modelFileReader(new Uint8Array(0))).toThrow(/^the file is empty \(0 bytes\); expected an rpf model/);
  });
});
