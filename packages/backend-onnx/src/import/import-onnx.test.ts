import { type ModelData, ModelFormatError, resolveEnsembleSpec, sniffModelFile } from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { exportOnnx } from "../export/export-onnx.js";
import { onnx } from "../onnx-proto.js";
import { probeModel } from "../runtime/probe-model.js";
import { importOnnx, ONNX_MODEL_PROTO } from "./import-onnx.js";

function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(values.buffer, values.byteOffset, values.length);
}

function model(): ModelData {
  const spec = resolveEnsembleSpec({
    members: 4,
    inputSize: 3,
    trainable: { hiddenSizes: [7, 5], activation: "gelu" },
    prior: { hiddenSizes: [6] },
    seed: 9,
  });
  const params = initEnsembleParams(spec);
  params.trainable[3] = -0;
  params.prior[1] = 1.401298464324817e-45;
  return {
    spec,
    params,
    standardizer: { xMean: [1, 2, 3], xScale: [0.5, 0.25, 4], yMean: [-1.5], yScale: [0.1] },
    training: {
      backend: "matrix",
      device: "cpu",
      epochs: 3,
      examples: 10,
      trainSeconds: 0.1,
      finalLosses: [1, 2, 3, 4],
      lossEvery: 1,
      meanLossHistory: [3, 2, 1],
    },
    columns: { x: ["a", "b", "c"], y: "d" },
  };
}

describe("importOnnx", () => {
  it("reads an exported model back bit for bit", () => {
    const original = model();
    const back = importOnnx(exportOnnx(original));
    expect(back.spec).toEqual(original.spec);
    expect(bits(back.params.trainable)).toEqual(bits(original.params.trainable));
    expect(bits(back.params.prior)).toEqual(bits(original.params.prior));
    expect(back.standardizer).toEqual(original.standardizer);
    expect(back.training).toEqual(original.training);
    expect(back.columns).toEqual(original.columns);
  });

  it("core's sniffing knows an exported model, and another writer's, as ONNX", () => {
    expect(sniffModelFile(exportOnnx(model())).kind).toBe("onnx");
    expect(sniffModelFile(probeModel()).kind).toBe("onnx");
  });

  it("refuses bytes that are not ONNX", () => {
    expect(() => importOnnx(new TextEncoder().encode("x,y\n1,2\n"))).toThrow(ModelFormatError);
    expect(() => importOnnx(new TextEncoder().encode("x,y\n1,2\n"))).toThrow(/not an ONNX model/);
  });

  it("says in details.field that truncated bytes are not a ModelProto, and no other refusal does", () => {
    const whole = exportOnnx(model());
    const caught = (bytes: Uint8Array) => {
      try {
        importOnnx(bytes);
      } catch (error) {
        return error;
      }
      return null;
    };
    const truncated = caught(whole.subarray(0, whole.length - 40));
    expect(ModelFormatError.isInstance(truncated)).toBe(true);
    expect((truncated as ModelFormatError).details.field).toBe(ONNX_MODEL_PROTO);
    expect((truncated as ModelFormatError).cause).toBeInstanceOf(Error);
    const foreign = caught(probeModel()) as ModelFormatError;
    expect(ModelFormatError.isInstance(foreign)).toBe(true);
    expect(foreign.details.field).not.toBe(ONNX_MODEL_PROTO);
  });

  it("refuses an ONNX model that rpf did not make", () => {
    expect(() => importOnnx(probeModel())).toThrow(/was not made by rpf/);
  });

  it("refuses a newer rpf ONNX format", () => {
    const proto = onnx.ModelProto.decode(exportOnnx(model()));
    for (const prop of proto.metadataProps) if (prop.key === "rpf.format_version") prop.value = "7";
    expect(() => importOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(/format version 7.*upgrade rpf/);
  });

  function gaussianModel(): ModelData {
    const spec = resolveEnsembleSpec({ members: 3, head: "gaussian", varianceFloor: 0.01, weightDecay: 0.5, seed: 2 });
    return { spec, params: initEnsembleParams(spec), standardizer: model().standardizer, training: null };
  }

  it("reads a Gaussian-head export back exactly: head, floor, decay and weights", () => {
    const original = gaussianModel();
    const back = importOnnx(
      exportOnnx({ ...original, standardizer: { xMean: [1], xScale: [2], yMean: [0], yScale: [3] } }),
    );
    expect(back.spec).toEqual(original.spec);
    expect(bits(back.params.trainable)).toEqual(bits(original.params.trainable));
    expect(bits(back.params.prior)).toEqual(bits(original.params.prior));
  });

  it("refuses a Gaussian spec in a version-1 file, and a variance floor edited in the graph", () => {
    const original = { ...gaussianModel(), standardizer: { xMean: [1], xScale: [2], yMean: [0], yScale: [3] } };
    const v1 = onnx.ModelProto.decode(exportOnnx(original));
    for (const prop of v1.metadataProps) if (prop.key === "rpf.format_version") prop.value = "1";
    expect(() => importOnnx(onnx.ModelProto.encode(v1).finish())).toThrow(
      /names head "gaussian", but rpf ONNX format version 1 has only the mse head/,
    );
    const edited = onnx.ModelProto.decode(exportOnnx(original));
    edited.graph!.initializer!.find((t) => t.name === "variance_floor")!.rawData = new Uint8Array(
      Float32Array.of(0.5).buffer,
    );
    expect(() => importOnnx(onnx.ModelProto.encode(edited).finish())).toThrow(
      /varianceFloor in the metadata does not match its "variance_floor" initializer/,
    );
  });

  it("reads a categorical model back bit for bit with its classes, and refuses one in a version-2 file or without classes", () => {
    const spec = resolveEnsembleSpec({
      members: 3,
      inputSize: 2,
      outputSize: 4,
      head: "categorical",
      standardize: "x",
      seed: 2,
    });
    const original: ModelData = {
      spec,
      params: initEnsembleParams(spec),
      standardizer: { xMean: [1, -2], xScale: [0.5, 3], yMean: [0, 0, 0, 0], yScale: [1, 1, 1, 1] },
      training: null,
      classes: ["1", "2", "10", "x"],
    };
    const back = importOnnx(exportOnnx(original));
    expect(back.spec).toEqual(original.spec);
    expect(back.classes).toEqual(["1", "2", "10", "x"]);
    expect(bits(back.params.trainable)).toEqual(bits(original.params.trainable));
    expect(bits(back.params.prior)).toEqual(bits(original.params.prior));
    expect(back.standardizer).toEqual(original.standardizer);
    const v2 = onnx.ModelProto.decode(exportOnnx(original));
    for (const prop of v2.metadataProps) if (prop.key === "rpf.format_version") prop.value = "2";
    expect(() => importOnnx(onnx.ModelProto.encode(v2).finish())).toThrow(
      /names head "categorical", but rpf ONNX format version 2 has only the mse and gaussian heads/,
    );
    const unlabelled = onnx.ModelProto.decode(exportOnnx(original));
    unlabelled.metadataProps = unlabelled.metadataProps.filter((prop) => prop.key !== "rpf.classes");
    expect(() => importOnnx(onnx.ModelProto.encode(unlabelled).finish())).toThrow(
      /rpf.classes is missing; a categorical model names its 4 classes/,
    );
  });

  it("still reads a version-1 (mse) file", () => {
    const proto = onnx.ModelProto.decode(exportOnnx(model()));
    for (const prop of proto.metadataProps) if (prop.key === "rpf.format_version") prop.value = "1";
    expect(importOnnx(onnx.ModelProto.encode(proto).finish()).spec).toEqual(model().spec);
  });

  it("refuses a standardizer edited in the graph but not in the metadata", () => {
    const proto = onnx.ModelProto.decode(exportOnnx(model()));
    const yScale = proto.graph!.initializer!.find((t) => t.name === "y_scale")!;
    yScale.rawData = new Uint8Array(Float32Array.of(0.2).buffer);
    expect(() => importOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(
      /standardizer.yScale .* does not match its "y_scale" initializer/,
    );
  });

  /** The exported model with metadata entry `key` set to `value` (added when missing). */
  function withMetadata(key: string, value: string): Uint8Array {
    const proto = onnx.ModelProto.decode(exportOnnx(model()));
    const prop = proto.metadataProps.find((p) => p.key === key);
    if (prop) prop.value = value;
    else proto.metadataProps.push(onnx.StringStringEntryProto.create({ key, value }));
    return onnx.ModelProto.encode(proto).finish();
  }

  it("refuses a spec that needs more weights than the file holds, before allocating them", () => {
    const spec = {
      ...model().spec,
      members: 1024,
      trainable: { ...model().spec.trainable, hiddenSizes: [4096, 4096] },
    };
    expect(() => importOnnx(withMetadata("rpf.spec", JSON.stringify(spec)))).toThrow(
      /spec needs \d+ bytes of weights \(1024 members × \d+ parameters\) but the file has only \d+ bytes/,
    );
  });

  it("refuses metadata that does not fit the spec: columns, training report, standardizer", () => {
    expect(() => importOnnx(withMetadata("rpf.columns", '"hello"'))).toThrow(
      /metadata rpf\.columns must be an object, got "hello"/,
    );
    expect(() => importOnnx(withMetadata("rpf.training", '{"epochs":3}'))).toThrow(
      /metadata rpf\.training\.backend must be a string/,
    );
    const zeroScale = { ...model().standardizer, xScale: [0.5, 0, 4] };
    expect(() => importOnnx(withMetadata("rpf.standardizer", JSON.stringify(zeroScale)))).toThrow(
      /metadata rpf\.standardizer\.xScale must be a list of 3 finite numbers > 0/,
    );
  });

  it("refuses weights whose shape does not fit the spec", () => {
    const proto = onnx.ModelProto.decode(exportOnnx(model()));
    const kernel = proto.graph!.initializer!.find((t) => t.name === "trainable.layers.1.kernel")!;
    kernel.dims = [4, 5, 7];
    expect(() => importOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(
      /"trainable.layers.1.kernel" must be float32 of shape \[4, 7, 5\]/,
    );
  });
});
