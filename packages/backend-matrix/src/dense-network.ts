import type { ActivationName } from "@rpf/core";
import { type MlpSpec, mlpLayout } from "@rpf/core/backend";
import { activateInPlace, multiplyByDerivative } from "./activation-kernels.js";
import { denseForward, denseInputGrads, denseParamGrads } from "./dense-kernels.js";
import { allocate, type Numbers, type Precision } from "./precision.js";

interface LayerShape {
  readonly fanIn: number;
  readonly fanOut: number;
  readonly kernelOffset: number;
  readonly biasOffset: number;
}

/**
 * One MLP's forward and backward passes over a batch, in float64, with every buffer allocated
 * once for the largest batch it will see.
 */
export class DenseNetwork {
  readonly layers: readonly LayerShape[];
  readonly paramCount: number;
  readonly outputSize: number;
  private readonly activation: ActivationName;
  /** Pre-activations and activations per hidden layer, plus the linear output. */
  private readonly pre: Numbers[];
  private readonly post: Numbers[];
  private readonly gradA: Numbers[];

  constructor(
    spec: MlpSpec,
    readonly maxBatch: number,
    precision: Precision = "float64",
  ) {
    const layout = mlpLayout(spec);
    this.layers = layout.layers.map((l) => ({
      fanIn: l.fanIn,
      fanOut: l.fanOut,
      kernelOffset: l.kernel.offset,
      biasOffset: l.bias.offset,
    }));
    this.paramCount = layout.paramCount;
    this.outputSize = spec.outputSize;
    this.activation = spec.activation;
    this.pre = this.layers.map((l) => allocate(precision, maxBatch * l.fanOut));
    this.post = this.layers.map((l) => allocate(precision, maxBatch * l.fanOut));
    this.gradA = this.layers.map((l) => allocate(precision, maxBatch * l.fanOut));
  }

  /** The network's outputs for the last forward pass, [n, outputSize] (a view, reused). */
  get output(): Numbers {
    return this.pre[this.pre.length - 1]!;
  }

  /** Forward pass for x [n, inputSize]; the result is left in `output`. */
  forward(params: Numbers, x: Numbers, n: number): Numbers {
    let input = x;
    const last = this.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      const { fanIn, fanOut, kernelOffset, biasOffset } = this.layers[l]!;
      denseForward(input, params, kernelOffset, biasOffset, this.pre[l]!, n, fanIn, fanOut);
      if (l < last) {
        activateInPlace(this.activation, this.pre[l]!, this.post[l]!, n * fanOut);
        input = this.post[l]!;
      }
    }
    return this.output;
  }

  /**
   * Backward pass after `forward` on the same x: accumulates dL/dθ into `grads` (which the caller
   * zeroes) given dL/d(output) in `outputGrad` [n, outputSize].
   */
  backward(params: Numbers, grads: Numbers, x: Numbers, n: number, outputGrad: Numbers): void {
    let gradZ = outputGrad;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { fanIn, fanOut, kernelOffset, biasOffset } = this.layers[l]!;
      const input = l === 0 ? x : this.post[l - 1]!;
      denseParamGrads(input, gradZ, grads, kernelOffset, biasOffset, n, fanIn, fanOut);
      if (l === 0) return;
      const gradInput = this.gradA[l - 1]!;
      denseInputGrads(gradZ, params, kernelOffset, gradInput, n, fanIn, fanOut);
      multiplyByDerivative(this.activation, this.pre[l - 1]!, this.post[l - 1]!, gradInput, n * fanIn);
      gradZ = gradInput;
    }
  }
}
