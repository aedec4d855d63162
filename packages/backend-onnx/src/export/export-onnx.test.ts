import { InvalidArgumentError, type ModelData, resolveEnsembleSpec } from "@rpf/core";
import { initEnsembleParams } from "@rpf/core/backend";
import { describe, expect, it } from "vitest";
import { type Onnx, onnx } from "../onnx-proto.js";
import { exportOnnx } from "./export-onnx.js";
import { IR_VERSION, METADATA, OPSET_VERSION } from "./names.js";

function untrained(input: Parameters<typeof resolveEnsembleSpec>[0]): ModelData {
  const spec = resolveEnsembleSpec(input);
  return {
    spec,
    params: initEnsembleParams(spec),
    standardizer: {
      xMean: Array(spec.inputSize).fill(0.5),
      xScale: Array(spec.inputSize).fill(2),
      yMean: [0.1],
      yScale: [3],
    },
    training: null,
  };
}

function shapeOf(info: Onnx.IValueInfoProto): (number | string)[] {
  return info.type!.tensorType!.shape!.dim!.map((d: Onnx.TensorShapeProto.IDimension) =>
    d.dimParam ? d.dimParam : Number(d.dimValue),
  );
}

describe("exportOnnx", () => {
  const model = untrained({ members: 9, inputSize: 2, prior: { hiddenSizes: [8], activation: "tanh" }, seed: 5 });
  const proto = onnx.ModelProto.decode(exportOnnx(model));

  it("targets opset 17 and IR version 8", () => {
    expect(Number(proto.irVersion)).toBe(IR_VERSION);
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", OPSET_VERSION]]);
  });

  it("takes x [N, inputs] with N dynamic and gives members, prior, trainable, mean and std", () => {
    const graph = proto.graph!;
    expect(graph.input!.map((i) => [i.name, shapeOf(i)])).toEqual([["x", ["N", 2]]]);
    expect(Object.fromEntries(graph.output!.map((o) => [o.name, shapeOf(o)]))).toEqual({
      members: [9, "N", 1],
      prior: [9, "N", 1],
      trainable: [9, "N", 1],
      mean: ["N", 1],
      std: ["N", 1],
    });
  });

  it("stacks every member's weights on a leading axis, prior with its own architecture", () => {
    const shapes = Object.fromEntries(proto.graph!.initializer!.map((t) => [t.name, t.dims!.map(Number)]));
    expect(shapes).toMatchObject({
      "trainable.layers.0.kernel": [9, 2, 16],
      "trainable.layers.0.bias": [9, 1, 16],
      "trainable.layers.1.kernel": [9, 16, 16],
      "trainable.layers.2.kernel": [9, 16, 1],
      "prior.layers.0.kernel": [9, 2, 8],
      "prior.layers.1.kernel": [9, 8, 1],
      prior_scale: [],
      x_mean: [2],
      y_scale: [1],
    });
    expect(shapes["prior.layers.2.kernel"]).toBeUndefined();
  });

  it("carries the spec, format version and seed in metadata_props", () => {
    const metadata = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata[METADATA.format]).toBe("rpf-onnx");
    expect(metadata[METADATA.formatVersion]).toBe("2");
    expect(metadata[METADATA.seed]).toBe("5");
    expect(JSON.parse(metadata[METADATA.spec]!)).toEqual(model.spec);
  });

  it("uses only standard-domain operators available in opset 17", () => {
    const ops = new Set(proto.graph!.node!.map((n) => n.opType));
    expect([...ops].sort()).toEqual(["Add", "Div", "Elu", "MatMul", "Mul", "ReduceMean", "Sqrt", "Sub", "Tanh"]);
  });

  it("gives a Gaussian-head ensemble's member variances and its aleatoric and epistemic stds", () => {
    const gaussian = untrained({ members: 4, head: "gaussian", varianceFloor: 0.25 });
    const graph = onnx.ModelProto.decode(exportOnnx(gaussian)).graph!;
    expect(Object.fromEntries(graph.output!.map((o) => [o.name, shapeOf(o)]))).toEqual({
      members: [4, "N", 1],
      variance: [4, "N", 1],
      prior: [4, "N", 1],
      trainable: [4, "N", 1],
      mean: ["N", 1],
      std: ["N", 1],
      aleatoric_std: ["N", 1],
      epistemic_std: ["N", 1],
    });
    const floor = graph.initializer!.find((t) => t.name === "variance_floor")!;
    const raw = floor.rawData!;
    expect(new DataView(raw.buffer, raw.byteOffset, raw.byteLength).getFloat32(0, true)).toBe(0.25);
    const ops = new Set(graph.node!.map((n) => n.opType));
    expect(ops).toContain("Split");
    expect(ops).toContain("Log");
    const bare = onnx.ModelProto.decode(exportOnnx(gaussian, { components: false, summary: false }));
    expect(bare.graph!.output!.map((o) => o.name)).toEqual(["members", "variance"]);
  });

  it("gives a categorical ensemble's logits, probabilities, predicted class and entropies, with no y constants", () => {
    const categorical = {
      ...untrained({ members: 4, inputSize: 2, outputSize: 3, head: "categorical", standardize: "x" }),
      classes: ["adelie", "chinstrap", "gentoo"],
    };
    const proto = onnx.ModelProto.decode(exportOnnx(categorical));
    const graph = proto.graph!;
    const metadata = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
    // Written as version 3, the first with the categorical head; regression graphs stay version 2.
    expect(metadata[METADATA.formatVersion]).toBe("3");
    expect(JSON.parse(metadata[METADATA.classes]!)).toEqual(["adelie", "chinstrap", "gentoo"]);
    expect(Object.fromEntries(graph.output!.map((o) => [o.name, shapeOf(o)]))).toEqual({
      members: [4, "N", 3],
      prior: [4, "N", 3],
      trainable: [4, "N", 3],
      probabilities: ["N", 3],
      entropy: ["N"],
      aleatoric_entropy: ["N"],
      mutual_information: ["N"],
      predicted_class: ["N"],
    });
    const elementType = (name: string) => graph.output!.find((o) => o.name === name)!.type!.tensorType!.elemType;
    expect(elementType("predicted_class")).toBe(onnx.TensorProto.DataType.INT64);
    expect(elementType("probabilities")).toBe(onnx.TensorProto.DataType.FLOAT);
    const initializers = graph.initializer!.map((t) => t.name);
    expect(initializers).not.toContain("y_mean");
    expect(initializers).not.toContain("y_scale");
    const ops = new Set(graph.node!.map((n) => n.opType));
    for (const op of ["LogSoftmax", "Exp", "ReduceMean", "ReduceSum", "Max", "Log", "Relu", "ArgMax"])
      expect(ops).toContain(op);
    const bare = onnx.ModelProto.decode(exportOnnx(categorical, { components: false, summary: false }));
    expect(bare.graph!.output!.map((o) => o.name)).toEqual(["members"]);
  });

  it("refuses a categorical model without one label per class, as rpf's own writer does", () => {
    const categorical = untrained({ members: 2, outputSize: 3, head: "categorical" });
    expect(() => exportOnnx(categorical)).toThrow(InvalidArgumentError);
    expect(() => exportOnnx({ ...categorical, classes: ["a", "b"] })).toThrow(/list of 3 class labels/);
  });

  it("puts a Yeo-Johnson model's transform before the standardisation, from x_lambda, as format version 4", () => {
    const transformed = untrained({ members: 2, inputSize: 2, inputTransform: "yeo-johnson" });
    const withLambdas = { ...transformed, standardizer: { ...transformed.standardizer, xLambda: [0, 2.5] } };
    const proto = onnx.ModelProto.decode(exportOnnx(withLambdas));
    const metadata = Object.fromEntries(proto.metadataProps.map((p) => [p.key, p.value]));
    expect(metadata[METADATA.formatVersion]).toBe("4");
    const lambda = proto.graph!.initializer!.find((t) => t.name === "x_lambda")!;
    expect([lambda.dataType, lambda.dims!.map(Number)]).toEqual([onnx.TensorProto.DataType.FLOAT, [2]]);
    const nodes = proto.graph!.node!;
    // The standardisation's Sub takes the transform's output, not x.
    const centring = nodes.find((n) => n.opType === "Sub" && n.input!.includes("x_mean"))!;
    expect(centring.input![0]).not.toBe("x");
    const ops = new Set(nodes.map((n) => n.opType));
    for (const op of ["GreaterOrEqual", "Where", "Abs", "Log", "Exp", "Equal", "Less", "Neg"])
      expect(ops).toContain(op);
    // Without the transform the graph has neither x_lambda nor its operators.
    const plain = onnx.ModelProto.decode(exportOnnx(model));
    expect(plain.graph!.initializer!.map((t) => t.name)).not.toContain("x_lambda");
  });

  it("refuses a model whose standardizer's xLambda does not fit its inputTransform", () => {
    const transformed = untrained({ members: 2, inputSize: 2, inputTransform: "yeo-johnson" });
    expect(() => exportOnnx(transformed)).toThrow(InvalidArgumentError);
    expect(() => exportOnnx(transformed)).toThrow(/xLambda must be a list of 2 Yeo-Johnson λs .*, got undefined/);
    const short = { ...transformed, standardizer: { ...transformed.standardizer, xLambda: [1] } };
    expect(() => exportOnnx(short)).toThrow(/xLambda must be a list of 2 Yeo-Johnson λs .*, got \[1\]/);
    const stray = { ...model, standardizer: { ...model.standardizer, xLambda: [1, 1] } };
    expect(() => exportOnnx(stray)).toThrow(/this spec's inputTransform is "none"/);
  });

  it("can leave out the components and the summary", () => {
    const bare = onnx.ModelProto.decode(exportOnnx(model, { components: false, summary: false }));
    expect(bare.graph!.output!.map((o) => o.name)).toEqual(["members"]);
  });
});
