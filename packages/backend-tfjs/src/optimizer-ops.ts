import type { OptimizerSpec } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";

/**
 * Adam and SGD written out in tf ops rather than tf.train.adam: tfjs' Adam defaults to a different
 * epsilon and folds the bias correction differently from optax, and the spec is optax's. Weight
 * decay λ is decoupled as optax.add_decayed_weights just before the learning rate (optax.adamw):
 * θ ← θ − lr·(u + λ·θ), on every trainable parameter, outside the gradient and the slots.
 */
export class StackedOptimizer {
  /** Updates applied so far. */
  step: number;
  private readonly first: tf.Variable[];
  private readonly second: tf.Variable[];

  /** `resume` continues from saved slots (one tensor per parameter, per slot) and step count. */
  constructor(
    private readonly spec: OptimizerSpec,
    private readonly weightDecay: number,
    private readonly params: readonly tf.Variable[],
    resume?: { readonly step: number; readonly slots: readonly (readonly tf.Tensor[])[] },
  ) {
    const slot = (i: number) =>
      tf.tidy(() => params.map((p, j) => tf.variable(resume ? resume.slots[i]![j]! : tf.zerosLike(p), false)));
    this.first = slot(0);
    this.second = spec.kind === "adam" ? slot(1) : [];
    this.step = resume?.step ?? 0;
  }

  /** The slot variables: [first, second] for Adam, [trace] for SGD. */
  get slots(): readonly (readonly tf.Variable[])[] {
    return this.spec.kind === "adam" ? [this.first, this.second] : [this.first];
  }

  /** Applies one update; call inside tf.tidy. */
  apply(rawGrads: readonly tf.Tensor[]): void {
    const grads = this.spec.clipNorm === null ? rawGrads : clipByGlobalNorm(rawGrads, this.spec.clipNorm);
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
        this.descend(param, update);
      });
      return;
    }
    this.params.forEach((param, j) => {
      const trace = tf.add(grads[j]!, tf.mul(spec.momentum, this.first[j]!));
      this.first[j]!.assign(trace);
      this.descend(param, trace);
    });
  }

  /** θ ← θ − lr·(u + λ·θ); with λ = 0 exactly θ − lr·u, so undecayed training keeps its bits. */
  private descend(param: tf.Variable, direction: tf.Tensor): void {
    const decayed = this.weightDecay === 0 ? direction : tf.add(direction, tf.mul(this.weightDecay, param));
    param.assign(tf.sub(param, tf.mul(this.spec.learningRate, decayed)));
  }

  dispose(): void {
    for (const v of [...this.first, ...this.second]) v.dispose();
  }
}

/**
 * optax.clip_by_global_norm for each member separately: every gradient is [M, …], and member m's
 * norm is taken over all of its parameters.
 */
function clipByGlobalNorm(grads: readonly tf.Tensor[], max: number): tf.Tensor[] {
  const squares = tf.addN(grads.map((g) => tf.sum(tf.square(g), [1, 2], true)));
  const norm = tf.sqrt(squares);
  const scale = tf.where(tf.less(norm, max), tf.onesLike(norm), tf.div(max, norm));
  return grads.map((g) => tf.mul(g, scale));
}
