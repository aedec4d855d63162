import { describe, expect, it } from "vitest";
import { identityStandardizer } from "../data/standardizer.js";
import { ModelFormatError, UnsupportedError } from "../errors.js";
import { initEnsembleParams } from "../members/params.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import type { ModelData } from "./model-data.js";
import { type ModelCodec, readModel, registerOnnxModelCodec, writeModel } from "./model-io.js";

const spec = resolveEnsembleSpec({ members: 2, seed: 1 });
const model: ModelData = {
  spec,
  params: initEnsembleParams(spec),
  standardizer: identityStandardizer(1, 1),
  training: null,
};
const utf8 = (text: string) => new TextEncoder().encode(text);
/** The opening of an ONNX file rpf writes: IR version 8, then the producer name. */
const ONNX_BYTES = Uint8Array.from([0x08, 0x08, 0x12, 0x03, 0x72, 0x70, 0x66]);
const EXPECTED = "expected an rpf model (JSON text, .json) or an ONNX model (protobuf, .onnx)";

describe("readModel and writeModel, rpf's JSON", () => {
  it("round-trips a model bit for bit", async () => {
    const bytes = await writeModel(model, "rpf", { producer: "test" });
    expect(JSON.parse(new TextDecoder().decode(bytes)).producer).toBe("test");
    const read = await readModel(bytes, { source: "m.json" });
    expect(read.spec).toEqual(model.spec);
    expect(read.params.trainable).toEqual(model.params.trainable);
    expect(read.params.prior).toEqual(model.params.prior);
  });

  it.each([
    ["a CSV renamed .json", utf8("x,y\n1,2\n"), `data.json is CSV text (first line: "x,y"), not a model; ${EXPECTED}`],
    ["plain text", utf8("my model\n"), `data.json is plain text (first line: "my model"), not a model; ${EXPECTED}`],
    [
      "random binary data",
      Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]),
      `data.json is binary data that is not an ONNX model (it starts de ad be ef); ${EXPECTED}`,
    ],
    ["an empty file", new Uint8Array(0), `data.json is empty (0 bytes); ${EXPECTED}`],
    ["white space", utf8("\n \n"), `data.json is blank (only white space); ${EXPECTED}`],
  ])("refuses %s, saying what it is and what a model file is", async (_, bytes, message) => {
    const attempt = readModel(bytes, { source: "data.json" });
    await expect(attempt).rejects.toBeInstanceOf(ModelFormatError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("names the file in front of what is wrong inside a model file, keeping the cause", async () => {
    const error = await readModel(utf8('{"format": "something-else"}'), { source: "m.json" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFormatError);
    expect((error as ModelFormatError).message).toMatch(/^m\.json: /);
    expect((error as ModelFormatError).details.where).toBe("m.json");
    expect((error as ModelFormatError).cause).toBeInstanceOf(ModelFormatError);
  });
});

// The ONNX codec is registered once per process: these run in order, unregistered first.
describe("readModel and writeModel, ONNX", () => {
  it("without a registered codec, ONNX bytes are an UnsupportedError naming how to register one", async () => {
    await expect(readModel(ONNX_BYTES, { source: "m.onnx" })).rejects.toBeInstanceOf(UnsupportedError);
    await expect(readModel(ONNX_BYTES, { source: "m.onnx" })).rejects.toThrow(
      /reading m\.onnx \(an ONNX model\) needs an ONNX codec.*registerOnnxModelCodec/,
    );
    await expect(writeModel(model, "onnx")).rejects.toThrow(/writing an ONNX model needs an ONNX codec/);
  });

  it("dispatches ONNX bytes to the registered codec (loaded lazily), and only ONNX bytes", async () => {
    const seen: string[] = [];
    const codec: ModelCodec = {
      read: (bytes) => {
        seen.push(`read ${bytes.length}`);
        return model;
      },
      write: (_model, options) => {
        seen.push(`write components=${options.components}`);
        return ONNX_BYTES;
      },
    };
    registerOnnxModelCodec(async () => codec);
    expect(await readModel(ONNX_BYTES)).toBe(model);
    expect(await writeModel(model, "onnx", { components: false })).toBe(ONNX_BYTES);
    await readModel(await writeModel(model, "rpf"));
    expect(seen).toEqual(["read 7", "write components=false"]);
  });

  it("a codec's ModelFormatError is prefixed with the file's name", async () => {
    registerOnnxModelCodec({
      read: () => {
        throw new ModelFormatError("starts like an ONNX file but does not parse as one: it is truncated or corrupted");
      },
      write: () => ONNX_BYTES,
    });
    await expect(readModel(ONNX_BYTES, { source: "cut.onnx" })).rejects.toThrow(
      "cut.onnx: starts like an ONNX file but does not parse as one: it is truncated or corrupted",
    );
  });
});
