import { type Dataset, type DeviceName, type EnsembleParams, type EnsembleSpec, InvalidArgumentError } from "@rpf/core";
import {
  allocateRawPrediction,
  type EnsembleHandle,
  type EnsembleInit,
  inMeanWarmup,
  minibatchOrder,
  optimizerSlotCount,
  paramCounts,
  priorMlp,
  type RawPrediction,
  type TrainingState,
  trainableMlp,
  validateEnsembleParams,
  validateTrainingState,
} from "@rpf/core/backend";
import * as tf from "@tensorflow/tfjs-core";
import { categoricalLoss, categoricalLossAndGradient } from "./categorical-head-ops.js";
import { useTfBackend } from "./devices.js";
import { gaussianLoss, gaussianLossAndGradient, gaussianVariance, headHalf } from "./gaussian-head-ops.js";
import { StackedOptimizer } from "./optimizer-ops.js";
import { StackedMlp } from "./stacked-mlp.js";

const PREDICT_CHUNK_ROWS = 65_536;

/** The prepared training set, [M, n, …] each (yTiled: each member's own targets), kept until the next prepareTraining or dispose. */
interface FitTensors {
  readonly xTiled: tf.Tensor3D;
  readonly yTiled: tf.Tensor3D;
  /** β·p, the prior's share of the member output: all of it for "mse" and "categorical", its means for "gaussian". */
  readonly priorOut: tf.Tensor3D;
  readonly weights: tf.Tensor3D;
}

/**
 * backend-tfjs's EnsembleHandle: all members as stacked tensors [members, …] on one TensorFlow.js backend, float32.
 * @throws {ShapeError} from the constructor, for parameters or a training state that do not fit the spec.
 * @throws {InvalidArgumentError} from the constructor, for a spec with invalid layer sizes (one not from resolveEnsembleSpec).
 */
export class TfjsEnsembleHandle implements EnsembleHandle {
  readonly backend = "tfjs";
  private readonly spec: EnsembleSpec;
  private readonly trainable: StackedMlp;
  private readonly prior: StackedMlp;
  private optimizer: StackedOptimizer | null = null;
  private epochsDone = 0;
  private tensors: FitTensors | null = null;
  /** The global index of member 0: this handle may train one group of a larger ensemble (a job). */
  private readonly memberOffset: number;

  constructor(
    { spec, params, state, memberOffset = 0 }: EnsembleInit,
    readonly device: DeviceName,
    private readonly tfName: string,
  ) {
    this.spec = spec;
    this.memberOffset = memberOffset;
    validateEnsembleParams(spec, params);
    if (state) validateTrainingState(spec, state);
    this.trainable = new StackedMlp(trainableMlp(spec), spec.members, state?.trainable ?? params.trainable, true);
    this.prior = new StackedMlp(priorMlp(spec), spec.members, params.prior, false);
    if (state) {
      const slots = state.slots.map((slot) => this.trainable.stackFlat(slot));
      this.optimizer = new StackedOptimizer(spec.optimizer, spec.weightDecay, this.trainable.variables, {
        step: state.step,
        slots,
      });
      tf.dispose(slots.flat());
      this.epochsDone = state.epoch;
    }
  }

  /** Makes this handle's device the active tfjs backend (one is active per thread). */
  private async ready(): Promise<void> {
    await useTfBackend(this.tfName);
  }

  /** x [n, inputSize] repeated for every member: [M, n, inputSize]. */
  private tileMembers(x: tf.Tensor2D): tf.Tensor3D {
    return tf.tile(tf.expandDims(x, 0), [this.spec.members, 1, 1]) as tf.Tensor3D;
  }

  async prepareTraining(data: Dataset, exampleWeights: Float32Array): Promise<void> {
    await this.ready();
    this.releaseTraining();
    this.optimizer ??= new StackedOptimizer(this.spec.optimizer, this.spec.weightDecay, this.trainable.variables);
    const { members, inputSize, outputSize, priorScale } = this.spec;
    this.tensors = tf.tidy(() => {
      const xTiled = this.tileMembers(tf.tensor2d(data.x, [data.n, inputSize]));
      const yTiled = data.yByMember
        ? tf.tensor3d(data.yByMember, [members, data.n, outputSize])
        : this.tileMembers(tf.tensor2d(data.y, [data.n, outputSize]));
      const priorOut = tf.mul(
        priorScale,
        tf.tidy(() => this.priorShare(this.prior.forward(xTiled).output)),
      ) as tf.Tensor3D;
      const weights = tf.tensor3d(exampleWeights, [members, data.n, 1]);
      return { xTiled, yTiled, priorOut, weights };
    });
  }

  /** The part of the prior's output that β·p adds to: all of it for "mse" and "categorical" (every logit), the means for "gaussian" (docs/heads.md). */
  private priorShare(output: tf.Tensor3D): tf.Tensor3D {
    return this.spec.head === "gaussian" ? headHalf(output, "mean") : output;
  }

  /** One optimiser step on a batch; returns the per-member losses [M] (kept, caller disposes). */
  private step(x: tf.Tensor3D, y: tf.Tensor3D, priorOut: tf.Tensor3D, weights: tf.Tensor3D): tf.Tensor1D {
    return tf.tidy(() => {
      const trace = this.trainable.forward(x);
      const { losses, outputGrad } = this.lossAndGradient(trace.output, priorOut, y, weights);
      this.optimizer!.apply(this.trainable.backward(trace, outputGrad));
      return losses;
    });
  }

  /** The head's per-member losses [M] and dL/d(output) on a batch (docs/heads.md). */
  private lossAndGradient(
    output: tf.Tensor3D,
    priorOut: tf.Tensor3D,
    y: tf.Tensor3D,
    weights: tf.Tensor3D,
  ): { losses: tf.Tensor1D; outputGrad: tf.Tensor3D } {
    switch (this.spec.head) {
      case "gaussian":
        return gaussianLossAndGradient(
          { output, priorMean: priorOut, y, weights, varianceFloor: this.spec.varianceFloor },
          {
            varianceWeighting: this.spec.varianceWeighting,
            // step runs inside the epoch (or streamed chunk) numbered epochsDone.
            meanOnly: inMeanWarmup(this.spec, this.epochsDone),
          },
        );
      case "categorical":
        return categoricalLossAndGradient({ output, priorOut, y, weights });
      case "mse":
        return mseLossAndGradient(output, priorOut, y, weights, this.spec.outputSize);
    }
  }

  /**
   * One epoch for all members; returns each member's epoch loss [M]: with minibatches, the
   * example-weighted mean of the step losses, Σ count·loss / n (the contract's definition).
   */
  private epoch(tensors: FitTensors, n: number, batch: number): tf.Tensor1D {
    if (batch >= n) return this.step(tensors.xTiled, tensors.yTiled, tensors.priorOut, tensors.weights);
    const { members } = this.spec;
    const orders = Array.from({ length: members }, (_, m) =>
      minibatchOrder(this.spec.seed, this.memberOffset + m, this.epochsDone, n),
    );
    const stepLosses: tf.Tensor1D[] = [];
    for (let from = 0; from < n; from += batch) {
      const count = Math.min(batch, n - from);
      const rows = new Int32Array(members * count);
      for (let m = 0; m < members; m++)
        for (let b = 0; b < count; b++) rows[m * count + b] = m * n + orders[m]![from + b]!;
      stepLosses.push(
        tf.tidy(() => {
          const index = tf.tensor1d(rows, "int32");
          const pick = (t: tf.Tensor3D) =>
            tf.reshape(tf.gather(tf.reshape(t, [members * n, t.shape[2]]), index), [
              members,
              count,
              t.shape[2],
            ]) as tf.Tensor3D;
          const loss = this.step(
            pick(tensors.xTiled),
            pick(tensors.yTiled),
            pick(tensors.priorOut),
            pick(tensors.weights),
          );
          return tf.mul(loss, count) as tf.Tensor1D;
        }),
      );
    }
    const mean = tf.tidy(() => tf.div(tf.addN(stepLosses), n) as tf.Tensor1D);
    tf.dispose(stepLosses);
    return mean;
  }

  private training(): FitTensors {
    if (!this.tensors)
      throw new InvalidArgumentError("call prepareTraining before training", { field: "prepareTraining" });
    return this.tensors;
  }

  /**
   * Runs the epochs with their losses left on the device, then reads them all back in one download.
   * @throws {InvalidArgumentError} when called before prepareTraining.
   */
  async trainEpochs(epochs: number): Promise<Float64Array> {
    await this.ready();
    const tensors = this.training();
    const n = tensors.xTiled.shape[1];
    const batch = Math.min(this.spec.batchSize ?? n, n);
    const pending: tf.Tensor1D[] = [];
    try {
      for (let e = 0; e < epochs; e++) {
        pending.push(this.epoch(tensors, n, batch));
        this.epochsDone += 1;
      }
      const stacked = tf.stack(pending);
      const values = (await stacked.data()) as Float32Array;
      stacked.dispose();
      return Float64Array.from(values);
    } finally {
      tf.dispose(pending);
    }
  }

  private releaseTraining(): void {
    if (!this.tensors) return;
    const { xTiled, yTiled, priorOut, weights } = this.tensors;
    tf.dispose([xTiled, yTiled, priorOut, weights]);
    this.tensors = null;
  }

  /** @throws {InvalidArgumentError} when called before prepareTraining. */
  async finalLosses(): Promise<Float64Array> {
    await this.ready();
    const tensors = this.training();
    const losses = tf.tidy(() => {
      const output = this.trainable.forward(tensors.xTiled).output;
      if (this.spec.head === "gaussian") {
        const { priorOut, yTiled, weights } = tensors;
        return gaussianLoss({
          output,
          priorMean: priorOut,
          y: yTiled,
          weights,
          varianceFloor: this.spec.varianceFloor,
        });
      }
      if (this.spec.head === "categorical") {
        const { priorOut, yTiled, weights } = tensors;
        return categoricalLoss({ output, priorOut, y: yTiled, weights });
      }
      const residual = tf.sub(tf.add(output, tensors.priorOut), tensors.yTiled);
      return tf.div(
        tf.sum(tf.mul(tensors.weights, tf.square(residual)), [1, 2]),
        tensors.xTiled.shape[1] * this.spec.outputSize,
      );
    });
    const values = Float64Array.from((await losses.data()) as Float32Array);
    losses.dispose();
    return values;
  }

  async predict(x: Float32Array): Promise<RawPrediction> {
    return this.predictStacked(x, this.spec.members, (x2d) => {
      const xs = this.tileMembers(x2d);
      return [this.trainable.forward(xs).output, this.prior.forward(xs).output];
    });
  }

  /** Member `member` alone: its slice of every stacked weight, on x [1, n, inputSize]. */
  async predictMember(member: number, x: Float32Array): Promise<RawPrediction> {
    return this.predictStacked(x, 1, (x2d) => {
      const xs = tf.expandDims(x2d, 0) as tf.Tensor3D;
      return [this.trainable.forward(xs, member).output, this.prior.forward(xs, member).output];
    });
  }

  /**
   * Outputs of `members` stacked members on x, in chunks of rows: `forward` maps a chunk [rows,
   * inputSize] to the trainable and prior networks' outputs [members, rows, width] (inside tf.tidy).
   */
  private async predictStacked(
    x: Float32Array,
    members: number,
    forward: (x2d: tf.Tensor2D) => [tf.Tensor3D, tf.Tensor3D],
  ): Promise<RawPrediction> {
    await this.ready();
    const { inputSize, outputSize, priorScale, varianceFloor } = this.spec;
    const n = x.length / inputSize;
    const perMember = n * outputSize;
    const out = allocateRawPrediction({ ...this.spec, members }, n);
    for (let start = 0; start < n; start += PREDICT_CHUNK_ROWS) {
      const count = Math.min(PREDICT_CHUNK_ROWS, n - start);
      const parts = tf.tidy(() => {
        const [trainable, priorOutput] = forward(
          tf.tensor2d(x.subarray(start * inputSize, (start + count) * inputSize), [count, inputSize]),
        );
        const prior = tf.mul(priorScale, this.priorShare(priorOutput));
        if (this.spec.head !== "gaussian") return [trainable, prior];
        return [headHalf(trainable, "mean"), prior, gaussianVariance(headHalf(trainable, "raw"), varianceFloor)];
      });
      const [t, p, variance] = (await Promise.all(parts.map((part) => part.data()))) as Float32Array[];
      tf.dispose(parts);
      for (let m = 0; m < members; m++) {
        const source = m * count * outputSize;
        const target = m * perMember + start * outputSize;
        for (let i = 0; i < count * outputSize; i++) {
          out.trainable[target + i] = t![source + i]!;
          out.prior[target + i] = p![source + i]!;
          out.members[target + i] = t![source + i]! + p![source + i]!;
        }
        if (out.variance) out.variance.set(variance!.subarray(source, source + count * outputSize), target);
      }
    }
    return out;
  }

  async params(): Promise<EnsembleParams> {
    await this.ready();
    return { trainable: await this.trainable.toFlat(), prior: await this.prior.toFlat() };
  }

  async trainingState(): Promise<TrainingState> {
    await this.ready();
    // cannot throw {InvalidArgumentError}: the constructor validated the spec (validateEnsembleParams)
    const size = this.spec.members * paramCounts(this.spec).trainable;
    const trainable = await this.trainable.flatten(this.trainable.variables, new Float64Array(size));
    if (!this.optimizer) {
      const slots = Array.from({ length: optimizerSlotCount(this.spec) }, () => new Float64Array(size));
      return { epoch: this.epochsDone, step: 0, trainable, slots };
    }
    const slots = await Promise.all(
      this.optimizer.slots.map((slot) => this.trainable.flatten(slot, new Float64Array(size))),
    );
    return { epoch: this.epochsDone, step: this.optimizer.step, trainable, slots };
  }

  async dispose(): Promise<void> {
    this.releaseTraining();
    this.trainable.dispose();
    this.prior.dispose();
    this.optimizer?.dispose();
  }
}

/**
 * The "mse" head: per-member losses Σ w·r²/(n·outputSize) [M] and dL/d(output) = 2·w·r/(n·outputSize),
 * with r = t + β·p − y.
 */
function mseLossAndGradient(
  output: tf.Tensor3D,
  priorOut: tf.Tensor3D,
  y: tf.Tensor3D,
  weights: tf.Tensor3D,
  outputSize: number,
): { losses: tf.Tensor1D; outputGrad: tf.Tensor3D } {
  const scale = 1 / (output.shape[1] * outputSize);
  const residual = tf.sub(tf.add(output, priorOut), y);
  const weighted = tf.mul(weights, residual);
  const losses = tf.mul(tf.sum(tf.mul(weighted, residual), [1, 2]), scale) as tf.Tensor1D;
  return { losses, outputGrad: tf.mul(weighted, 2 * scale) as tf.Tensor3D };
}
