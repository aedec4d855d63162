import { type ModelData, ModelFormatError, resolveEnsembleSpec } from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { exportOnnx } from "../export/export-onnx.js";
import { METADATA, TENSOR } from "../export/names.js";
import { type Onnx, onnx } from "../onnx-proto.js";
import { importOnnx } from "./import-onnx.js";

/** A 3-input model with the Yeo-Johnson input transform; λ 0.3 is not a float32, so metadata and initializer differ in bits. */
function transformed(): ModelData {
  const spec = resolveEnsembleSpec({
    members: 2,
    inputSize: 3,
    standardize: "x",
    inputTransform: "yeo-johnson",
    seed: 4,
  });
  return {
    spec,
    params: initEnsembleParams(spec),
    standardizer: { xMean: [0.5, -1, 2], xScale: [1.5, 2, 0.25], yMean: [0], yScale: [1], xLambda: [0, 2, 0.3] },
    training: null,
  };
}

/** The exported transformed model, edited. */
function edited(edit: (proto: Onnx.ModelProto) => void, model: ModelData = transformed()): Uint8Array {
  const proto = onnx.ModelProto.decode(exportOnnx(model));
  edit(proto);
  return onnx.ModelProto.encode(proto).finish();
}

function setMetadata(proto: Onnx.ModelProto, key: string, value: string): void {
  proto.metadataProps.find((p) => p.key === key)!.value = value;
}

/** importOnnx refuses `bytes` with a ModelFormatError whose message matches `message`. */
function expectRefused(bytes: Uint8Array, message: RegExp): void {
  expect(() => importOnnx(bytes)).toThrow(ModelFormatError);
  expect(() => importOnnx(bytes)).toThrow(message);
}

describe("importOnnx with the Yeo-Johnson input transform", () => {
  it("reads the spec and the standardizer (xLambda exact, float64) back, from a format version 4 file", () => {
    const original = transformed();
    const bytes = exportOnnx(original);
    const metadata = Object.fromEntries(onnx.ModelProto.decode(bytes).metadataProps.map((p) => [p.key, p.value]));
    expect(metadata[METADATA.formatVersion]).toBe("4");
    const back = importOnnx(bytes);
    expect(back.spec).toEqual(original.spec);
    expect(back.spec.inputTransform).toBe("yeo-johnson");
    expect(back.standardizer).toEqual(original.standardizer);
  });

  it("refuses an x_lambda initializer that disagrees with the metadata's xLambda", () => {
    const bytes = edited((proto) => {
      proto.graph!.initializer!.find((t) => t.name === TENSOR.xLambda)!.rawData = new Uint8Array(
        Float32Array.of(0, 2, 0.5).buffer,
      );
    });
    expectRefused(bytes, /standardizer\.xLambda in the metadata does not match its "x_lambda" initializer/);
  });

  it("refuses metadata xLambda without the x_lambda initializer, and the initializer without xLambda", () => {
    const noTensor = edited((proto) => {
      proto.graph!.initializer = proto.graph!.initializer!.filter((t) => t.name !== TENSOR.xLambda);
    });
    expectRefused(noTensor, /metadata rpf\.standardizer has xLambda but the graph has no "x_lambda" initializer/);
    // The transform's metadata dropped, the graph's transform kept: served as is, rpf would skip the transform.
    const noLambda = edited((proto) => {
      const { xLambda: _dropped, ...plain } = transformed().standardizer;
      setMetadata(proto, METADATA.standardizer, JSON.stringify(plain));
      setMetadata(proto, METADATA.spec, JSON.stringify({ ...transformed().spec, inputTransform: "none" }));
    });
    expectRefused(noLambda, /has an "x_lambda" initializer but its metadata rpf\.standardizer has no xLambda/);
  });

  it("refuses xLambda that does not fit the spec, with decodeStandardizer's message", () => {
    const outOfRange = edited((proto) =>
      setMetadata(proto, METADATA.standardizer, JSON.stringify({ ...transformed().standardizer, xLambda: [0, 2, 5] })),
    );
    expectRefused(outOfRange, /rpf\.standardizer\.xLambda must be a list of 3 Yeo-Johnson λs from -3 to 3/);
    const missing = edited((proto) => {
      const { xLambda: _dropped, ...plain } = transformed().standardizer;
      setMetadata(proto, METADATA.standardizer, JSON.stringify(plain));
    });
    expectRefused(missing, /rpf\.standardizer\.xLambda/);
    const forNone = edited((proto) =>
      setMetadata(proto, METADATA.spec, JSON.stringify({ ...transformed().spec, inputTransform: "none" })),
    );
    expectRefused(forNone, /xLambda is only for inputTransform "yeo-johnson"/);
  });

  it("refuses an input transform in a file of a format version before 4", () => {
    const v3 = edited((proto) => setMetadata(proto, METADATA.formatVersion, "3"));
    expectRefused(
      v3,
      /spec names inputTransform "yeo-johnson", which came with format version 4, but the file says version 3/,
    );
  });
});
