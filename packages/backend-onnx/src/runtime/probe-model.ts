import { GraphBuilder } from "../export/graph-builder.js";
import { IR_VERSION, OPSET_VERSION } from "../export/names.js";
import { onnx } from "../onnx-proto.js";

let cached: Uint8Array | undefined;

/** A one-node model (y = x + 1) used to check that an execution provider really starts. */
export function probeModel(): Uint8Array {
  if (cached) return cached;
  const graph = new GraphBuilder();
  const x = graph.input("x", ["N", 1]);
  graph.op("Add", [x, graph.constant("one", Float32Array.of(1), [])], [], "y");
  graph.output("y", ["N", 1]);
  cached = onnx.ModelProto.encode(
    onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: OPSET_VERSION }],
      producerName: "rpf",
      graph: {
        name: "probe",
        node: graph.nodes,
        initializer: graph.initializers,
        input: graph.inputs,
        output: graph.outputs,
      },
    }),
  ).finish();
  return cached;
}
