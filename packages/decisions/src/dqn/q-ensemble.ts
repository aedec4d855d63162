import { matrixBackend } from "@rpf/backend-matrix";
import { createDataset, Ensemble, type EnsembleSpecInput } from "@rpf/core";
import type { RandomKey } from "@rpf/core/random";

/**
 * An ensemble of Q-networks on one rpf Ensemble: member k maps a state's features to one value
 * per action, and trains on its own targets (Dataset.yByMember).
 */
export class QEnsemble {
  private constructor(private readonly ensemble: Ensemble) {}

  /** A fresh ensemble on backend-matrix (single-threaded: the batches are small). */
  static async create(spec: EnsembleSpecInput): Promise<QEnsemble> {
    return new QEnsemble(await Ensemble.create(spec, { backend: matrixBackend }));
  }

  get members(): number {
    return this.ensemble.spec.members;
  }

  /** The member Thompson sampling acts on: Ensemble.sampleMember. */
  sampleMember(key: RandomKey): number {
    return this.ensemble.sampleMember(key);
  }

  /** Member k's values on x [n, inputSize]: [n, actions]. */
  async predictMember(k: number, x: Float32Array): Promise<Float32Array> {
    return (await this.ensemble.predictMember(k, x)).mean;
  }

  /** Every member's values on x: [members, n, actions]. */
  async predictAll(x: Float32Array): Promise<Float32Array> {
    return (await this.ensemble.predict(x)).members;
  }

  /**
   * One optimiser step (one full-batch epoch) of every member towards its own targets
   * [members, n, actions] on x [n, inputSize].
   */
  async train(x: Float32Array, targets: Float32Array): Promise<void> {
    const { inputSize, outputSize } = this.ensemble.spec;
    const n = x.length / inputSize;
    // y is what the members share (the standardizer's input, unused here: standardize is "none").
    const shared = createDataset(x, targets.subarray(0, n * outputSize), inputSize, outputSize);
    // cannot throw {JobFailedError}: no queue is passed
    await this.ensemble.fit({ ...shared, yByMember: targets }, { epochs: 1 });
  }

  /** A frozen copy of the current parameters, for TD targets (the target network). */
  async snapshot(): Promise<QEnsemble> {
    return new QEnsemble(await Ensemble.fromModel(await this.ensemble.toModel(), { backend: matrixBackend }));
  }

  async dispose(): Promise<void> {
    await this.ensemble.dispose();
  }
}
