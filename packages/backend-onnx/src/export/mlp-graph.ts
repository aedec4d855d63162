import type { ActivationName } from "@rpf/core";
import { GELU_TANH, type MlpSpec, mlpLayout } from "@rpf/core/backend";
import { floatAttribute, type GraphBuilder } from "./graph-builder.js";
import { layerTensorName } from "./names.js";

const { scale: GELU_SCALE, cubic: GELU_CUBIC } = GELU_TANH;

/** Stacks member m's block of the flat [M, paramCount] parameters into one [M, …] tensor. */
function stackMembers(
  flat: Float32Array,
  members: number,
  paramCount: number,
  offset: number,
  size: number,
): Float32Array {
  const out = new Float32Array(members * size);
  for (let m = 0; m < members; m++)
    out.set(flat.subarray(m * paramCount + offset, m * paramCount + offset + size), m * size);
  return out;
}

/**
 * GELU's tanh approximation from basic ops: opset 17 has no Gelu (it arrived in opset 20), and
 * rpf's GELU is JAX's approximate one anyway.
 */
function gelu(graph: GraphBuilder, z: string): string {
  const cubic = graph.op("Mul", [graph.op("Mul", [z, z]), z]);
  const inner = graph.op("Mul", [graph.op("Add", [z, graph.op("Mul", [cubic, "gelu_cubic"])]), "gelu_scale"]);
  const onePlus = graph.op("Add", [graph.op("Tanh", [inner]), "one"]);
  return graph.op("Mul", [graph.op("Mul", [z, onePlus]), "half"]);
}

/**
 * ELU as relu(z) + (exp(min(z, 0)) − 1): onnxruntime's CPU Elu kernel takes float32 only, so a
 * float64 graph composes it. For z > 0 the second term is exactly 0.
 */
function composedElu(graph: GraphBuilder, z: string): string {
  const negativePart = graph.op("Sub", [graph.op("Exp", [graph.op("Min", [z, "zero"])]), "one"]);
  return graph.op("Add", [graph.op("Relu", [z]), negativePart]);
}

/** Constants the activations of a graph may use. */
export function addActivationConstants(graph: GraphBuilder, activations: readonly ActivationName[]): void {
  const gelu = activations.includes("gelu");
  const composesElu = activations.includes("elu") && graph.precision === "float64";
  if (gelu) {
    graph.constant("gelu_cubic", Float32Array.of(GELU_CUBIC), []);
    graph.constant("gelu_scale", Float32Array.of(GELU_SCALE), []);
  }
  if (gelu || composesElu) graph.constant("one", Float32Array.of(1), []);
  if (gelu) graph.constant("half", Float32Array.of(0.5), []);
  if (composesElu) graph.constant("zero", Float32Array.of(0), []);
}

function activate(graph: GraphBuilder, name: ActivationName, z: string): string {
  switch (name) {
    case "elu":
      if (graph.precision === "float64") return composedElu(graph, z);
      return graph.op("Elu", [z], [floatAttribute("alpha", 1)]);
    case "relu":
      return graph.op("Relu", [z]);
    case "tanh":
      return graph.op("Tanh", [z]);
    case "gelu":
      return gelu(graph, z);
    case "identity":
      return z;
  }
}

/**
 * All members' copies of one MLP: x [N, D] times kernels [M, D, H] broadcasts to [M, N, H], so
 * each layer is one batched MatMul for the whole ensemble. Returns the [M, N, out] output name.
 */
export function addStackedMlp(
  graph: GraphBuilder,
  net: "trainable" | "prior",
  spec: MlpSpec,
  members: number,
  flat: Float32Array,
  input: string,
): string {
  const layout = mlpLayout(spec);
  let h = input;
  layout.layers.forEach((layer, l) => {
    const kernel = graph.constant(
      layerTensorName(net, l, "kernel"),
      stackMembers(flat, members, layout.paramCount, layer.kernel.offset, layer.kernel.size),
      [members, layer.fanIn, layer.fanOut],
    );
    const bias = graph.constant(
      layerTensorName(net, l, "bias"),
      stackMembers(flat, members, layout.paramCount, layer.bias.offset, layer.bias.size),
      [members, 1, layer.fanOut],
    );
    const z = graph.op("Add", [graph.op("MatMul", [h, kernel]), bias]);
    h = l === layout.layers.length - 1 ? z : activate(graph, spec.activation, z);
  });
  return h;
}
