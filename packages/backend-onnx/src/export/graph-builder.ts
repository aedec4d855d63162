import { DOUBLE, FLOAT, INT64, type Onnx, onnx } from "../onnx-proto.js";

/** A dimension: a fixed size, or a named dynamic one (e.g. "N"). */
export type Dim = number | string;

/** The element type a graph computes in: its inputs and outputs are float32 either way. */
export type GraphPrecision = "float32" | "float64";

/**
 * Collects nodes, initializers and value infos for one ONNX graph. Node outputs get unique names
 * from a counter so graph-building code can read like the maths it encodes.
 */
export class GraphBuilder {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  readonly inputs: Onnx.IValueInfoProto[] = [];
  readonly outputs: Onnx.IValueInfoProto[] = [];
  private counter = 0;

  /** Constants are stored in `precision`; float32 values widen to float64 exactly. */
  constructor(readonly precision: GraphPrecision = "float32") {}

  /** An initializer of float32 values in the graph's precision, as little-endian raw bytes so it round-trips bit for bit. */
  constant(name: string, values: Float32Array, dims: readonly number[]): string {
    const wide = this.precision === "float64";
    const raw = new Uint8Array(values.length * (wide ? 8 : 4));
    const view = new DataView(raw.buffer);
    for (const [i, v] of values.entries()) {
      if (wide) view.setFloat64(i * 8, v, true);
      else view.setFloat32(i * 4, v, true);
    }
    this.initializers.push({ name, dataType: wide ? DOUBLE : FLOAT, dims: [...dims], rawData: raw });
    return name;
  }

  /** An int64 initializer (e.g. the axes a reduction takes as an input since opset 13), as little-endian raw bytes. */
  int64Constant(name: string, values: readonly number[], dims: readonly number[]): string {
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    for (const [i, v] of values.entries()) view.setBigInt64(i * 8, BigInt(v), true);
    this.initializers.push({ name, dataType: INT64, dims: [...dims], rawData: raw });
    return name;
  }

  /** The ONNX element type of the graph's precision, for Cast nodes. */
  get elementType(): number {
    return this.precision === "float64" ? DOUBLE : FLOAT;
  }

  /** Adds a node and returns the name of its (first) output. */
  op(opType: string, inputs: readonly string[], attributes: Onnx.IAttributeProto[] = [], output?: string): string {
    const name = output ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({ opType, input: [...inputs], output: [name], name: `${name}_node`, attribute: attributes });
    return name;
  }

  /** Splits `input` into `parts` equal pieces along `axis` (opset 13+ Split without sizes); returns their names. */
  split(input: string, axis: number, parts: number): string[] {
    const names = Array.from({ length: parts }, () => `split_${this.counter++}`);
    this.nodes.push({
      opType: "Split",
      input: [input],
      output: names,
      name: `${names[0]}_node`,
      attribute: [intAttribute("axis", axis)],
    });
    return names;
  }

  input(name: string, dims: readonly Dim[]): string {
    this.inputs.push(valueInfo(name, dims));
    return name;
  }

  /** Declares a graph output; float32 unless `elemType` says otherwise (e.g. INT64 for class indices). */
  output(name: string, dims: readonly Dim[], elemType: number = FLOAT): void {
    this.outputs.push(valueInfo(name, dims, elemType));
  }
}

function valueInfo(name: string, dims: readonly Dim[], elemType: number = FLOAT): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export function intsAttribute(name: string, ints: readonly number[]): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...ints] };
}

export function intAttribute(name: string, i: number): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i };
}

export function floatAttribute(name: string, f: number): Onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.FLOAT, f };
}
