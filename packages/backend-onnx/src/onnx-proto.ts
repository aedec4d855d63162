import onnxProto from "onnx-proto";

/** onnx-proto is CommonJS: its `onnx` namespace hangs off the default export. */
export const { onnx } = onnxProto;
/** The namespace's interfaces (INodeProto, ITensorProto, …), for type positions. */
export type { onnx as Onnx } from "onnx-proto";

export const FLOAT = onnx.TensorProto.DataType.FLOAT;
export const DOUBLE = onnx.TensorProto.DataType.DOUBLE;
export const INT64 = onnx.TensorProto.DataType.INT64;
