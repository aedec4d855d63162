import type { ActivationName } from "@rpf/core";
import { type MlpSpec, mlpLayout } from "@rpf/core/backend";
import * as tf from "@tensorflow/tfjs-core";
import { activate, activationDerivative } from "./activation-ops.js";

interface StackedLayer {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly kernelOffset: number;
  readonly biasOffset: number;
}

/** Activations kept by a forward pass for the backward pass. */
export interface ForwardTrace {
  readonly inputs: tf.Tensor3D[];
  readonly pre: tf.Tensor3D[];
  readonly output: tf.Tensor3D;
}

/**
 * One MLP per member, stacked on a leading axis: kernels [M, fanIn, fanOut] and biases
 * [M, 1, fanOut], so each layer is one batched matmul for all members. Parameters live in
 * tf.Variables (list order: kernel 0, bias 0, kernel 1, …).
 */
export class StackedMlp {
  readonly variables: tf.Variable[];
  private readonly layers: readonly StackedLayer[];
  private readonly activation: ActivationName;
  private readonly paramCount: number;

  constructor(
    spec: MlpSpec,
    readonly members: number,
    flat: ArrayLike<number>,
    trainable: boolean,
  ) {
    const layout = mlpLayout(spec);
    this.activation = spec.activation;
    this.paramCount = layout.paramCount;
    this.layers = layout.layers.map((l) => ({
      fanIn: l.fanIn,
      fanOut: l.fanOut,
      kernelOffset: l.kernel.offset,
      biasOffset: l.bias.offset,
    }));
    // tf.variable keeps its own reference to the data, so the initial tensors can be tidied away.
    this.variables = tf.tidy(() => this.stackFlat(flat).map((tensor) => tf.variable(tensor, trainable)));
  }

  /**
   * Values in core's flat [M, paramCount] layout as one tensor per variable (kernel 0, bias 0,
   * kernel 1, …), shaped like the variables; used for the parameters and for optimiser slots.
   */
  stackFlat(flat: ArrayLike<number>): tf.Tensor3D[] {
    return this.layers.flatMap((layer) => [
      tf.tensor3d(this.gather(flat, layer.kernelOffset, layer.fanIn * layer.fanOut), [
        this.members,
        layer.fanIn,
        layer.fanOut,
      ]),
      tf.tensor3d(this.gather(flat, layer.biasOffset, layer.fanOut), [this.members, 1, layer.fanOut]),
    ]);
  }

  /** Member m's block [offset, offset + size) of the flat [M, paramCount] layout, stacked. */
  private gather(flat: ArrayLike<number>, offset: number, size: number): Float32Array {
    const out = new Float32Array(this.members * size);
    for (let m = 0; m < this.members; m++) {
      const start = m * this.paramCount + offset;
      for (let i = 0; i < size; i++) out[m * size + i] = flat[start + i]!;
    }
    return out;
  }

  /**
   * x is [M, n, inputSize]; with `member`, x is [1, n, inputSize] and only that member's weights
   * (sliced from the stack) run. Call inside tf.tidy.
   */
  forward(x: tf.Tensor3D, member?: number): ForwardTrace {
    const inputs: tf.Tensor3D[] = [];
    const pre: tf.Tensor3D[] = [];
    const weight = (index: number): tf.Tensor =>
      member === undefined ? this.variables[index]! : tf.slice(this.variables[index]!, [member, 0, 0], [1, -1, -1]);
    let h = x;
    this.layers.forEach((_, l) => {
      inputs.push(h);
      const z = tf.add(tf.matMul(h, weight(2 * l)), weight(2 * l + 1)) as tf.Tensor3D;
      pre.push(z);
      h = l === this.layers.length - 1 ? z : (activate(this.activation, z) as tf.Tensor3D);
    });
    return { inputs, pre, output: h };
  }

  /** dL/dθ for every variable, given dL/d(output); call inside tf.tidy. */
  backward(trace: ForwardTrace, outputGrad: tf.Tensor3D): tf.Tensor[] {
    const grads: tf.Tensor[] = new Array(this.variables.length);
    let gradZ = outputGrad;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const input = trace.inputs[l]!;
      grads[2 * l] = tf.matMul(input, gradZ, true, false);
      grads[2 * l + 1] = tf.sum(gradZ, 1, true);
      if (l > 0) {
        const gradInput = tf.matMul(gradZ, this.variables[2 * l]!, false, true);
        gradZ = tf.mul(gradInput, activationDerivative(this.activation, trace.pre[l - 1]!, input)) as tf.Tensor3D;
      }
    }
    return grads;
  }

  /** The parameters back in core's flat [M, paramCount] layout. */
  toFlat(): Promise<Float32Array> {
    return this.flatten(this.variables, new Float32Array(this.members * this.paramCount));
  }

  /** Tensors shaped like the variables (parameters or optimiser slots), written into `flat`. */
  async flatten<T extends Float32Array | Float64Array>(tensors: readonly tf.Tensor[], flat: T): Promise<T> {
    const values = await Promise.all(tensors.map((v) => v.data() as Promise<Float32Array>));
    this.layers.forEach((layer, l) => {
      for (const [index, offset, size] of [
        [2 * l, layer.kernelOffset, layer.fanIn * layer.fanOut],
        [2 * l + 1, layer.biasOffset, layer.fanOut],
      ] as const) {
        const data = values[index]!;
        for (let m = 0; m < this.members; m++)
          flat.set(data.subarray(m * size, (m + 1) * size), m * this.paramCount + offset);
      }
    });
    return flat;
  }

  dispose(): void {
    for (const variable of this.variables) variable.dispose();
  }
}
