import type { OptimizerSpec } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";

/**
 * Adam and SGD written out in tf ops rather than tf.train.adam: tfjs' Adam defaults to a different
 * epsilon and folds the bias correction differently from optax, and the spec is optax's.
 */
export class StackedOptimizer {
  private step = 0;
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];

  constructor(
    private readonly spec: OptimizerSpec,
    private readonly params: readonly tf.Variable[],
  ) {
    const zeros = () => tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
    this.first = zeros();
    this.second = spec.kind === "adam" ? zeros() : [];
  }

  /** Applies one update; call inside tf.tidy. */
  apply(grads: readonly tf.Tensor[]): void {
    this.step += 1;
    const spec = this.spec;
    if (spec.kind === "adam") {
      const firstCorrection = 1 - spec.b1 ** this.step;
      const secondCorrection = 1 - spec.b2 ** this.step;
      this.params.forEach((param, j) => {
        const g = grads[j]!;
        const m = tf.add(tf.mul(spec.b1, this.first[j]!), tf.mul(1 - spec.b1, g));
        const v = tf.add(tf.mul(spec.b2, this.second[j]!), tf.mul(1 - spec.b2, tf.square(g)));
        this.first[j]!.assign(m);
        this.second[j]!.assign(v);
        const update = tf.div(tf.div(m, firstCorrection), tf.add(tf.sqrt(tf.div(v, secondCorrection)), spec.eps));
        param.assign(tf.sub(param, tf.mul(spec.learningRate, update)));
      });
      return;
    }
    this.params.forEach((param, j) => {
      const trace = tf.add(grads[j]!, tf.mul(spec.momentum, this.first[j]!));
      this.first[j]!.assign(trace);
      param.assign(tf.sub(param, tf.mul(spec.learningRate, trace)));
    });
  }

  dispose(): void {
    for (const v of [...this.first, ...this.second]) v.dispose();
  }
}
