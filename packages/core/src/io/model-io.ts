import { ModelFormatError, UnsupportedError } from "../errors.js";
import type { ModelData } from "./model-data.js";
import { decodeModel, encodeModel } from "./model-file.js";
import { modelFileReader } from "./sniff-model-file.js";

/** The model file formats rpf reads and writes: its own JSON model file, or one ONNX graph of the whole ensemble. */
export type ModelFileFormat = "rpf" | "onnx";

/** How a model is written; each field applies to the formats its comment names. */
export interface ModelWriteOptions {
  /** rpf: the `producer` recorded in the file ("@rpf/cli"). */
  readonly producer?: string;
  /** onnx: also output the prior's contribution and the trainable part. Default true. */
  readonly components?: boolean;
  /** onnx: also output the ensemble's mean and std. Default true. */
  readonly summary?: boolean;
}

/**
 * A reader and writer of ONNX model files. Its protobuf code lives in @rpf/backend-onnx, which
 * exports one (`onnxModelCodec`); core dispatches to it, so it never depends on that package.
 */
export interface ModelCodec {
  /**
   * Reads a model file's bytes into a model.
   * @throws {ModelFormatError} saying what in the file is wrong.
   */
  read(bytes: Uint8Array): ModelData;
  /** Writes a model as the file's bytes. */
  write(model: ModelData, options: ModelWriteOptions): Uint8Array;
}

type CodecSource = ModelCodec | (() => Promise<ModelCodec>);

let onnxCodec: CodecSource | undefined;

/**
 * Registers the ONNX reader and writer that readModel and writeModel dispatch to: the codec, or a
 * function that loads it (so an app pays for protobuf decoding only when it meets an ONNX file).
 * A later registration replaces an earlier one.
 */
export function registerOnnxModelCodec(codec: CodecSource): void {
  onnxCodec = codec;
}

async function onnx(task: string): Promise<ModelCodec> {
  if (!onnxCodec) {
    throw new UnsupportedError(
      `${task} needs an ONNX codec, and none is registered: pass @rpf/backend-onnx's onnxModelCodec to registerOnnxModelCodec`,
      { accepted: "rpf" },
    );
  }
  return typeof onnxCodec === "function" ? onnxCodec() : onnxCodec;
}

/**
 * Reads a model file of either kind, judged from its bytes (not its name): rpf's JSON model file,
 * or an ONNX file that rpf exported. `source` names the file in messages ("model.json", "stdin").
 * @throws {ModelFormatError} for anything else, saying what the file is (CSV text, plain text, empty,
 * other binary data) and what a model file is; for a model file with a fault, prefixed by `source`.
 * @throws {UnsupportedError} for an ONNX file when no ONNX codec is registered (registerOnnxModelCodec).
 */
export async function readModel(bytes: Uint8Array, options: { source?: string } = {}): Promise<ModelData> {
  const source = options.source ?? "the file";
  const reader = modelFileReader(bytes, source);
  try {
    if (reader === "json") return decodeModel(new TextDecoder().decode(bytes));
    return (await onnx(`reading ${source} (an ONNX model)`)).read(bytes);
  } catch (error) {
    if (error instanceof ModelFormatError)
      throw new ModelFormatError(`${source}: ${error.message}`, { ...error.details, where: source }, error);
    throw error;
  }
}

/**
 * Writes a model as a file's bytes: "rpf" as the JSON model file (docs/model-format.md), "onnx" as
 * one ONNX graph of the whole ensemble (@rpf/backend-onnx's README).
 * @throws {ShapeError} when the parameters do not fit the spec (no file is made that cannot be read back).
 * @throws {InvalidArgumentError} when the model's spec has invalid layer sizes or activation.
 * @throws {UnsupportedError} for "onnx" when no ONNX codec is registered (registerOnnxModelCodec).
 */
export async function writeModel(
  model: ModelData,
  format: ModelFileFormat,
  options: ModelWriteOptions = {},
): Promise<Uint8Array> {
  if (format === "rpf") return new TextEncoder().encode(encodeModel(model, { producer: options.producer }));
  return (await onnx("writing an ONNX model")).write(model, options);
}
