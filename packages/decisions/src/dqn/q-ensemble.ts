import { matrixBackend } from "@rpf/backend-matrix";
import { createDataset, Ensemble, type EnsembleSpecInput } from "@rpf/core";

/** An ensemble of Q-networks: member k maps a state's features to one value per action. */
export class QEnsemble {
  private constructor(
    private readonly nets: Ensemble[],
    readonly inputSize: number,
    readonly actions: number,
  ) {}

  static async create(spec: EnsembleSpecInput, members: number, seed: number): Promise<QEnsemble> {
    const nets = await Promise.all(
      Array.from({ length: members }, (_, k) =>
        Ensemble.create({ ...spec, members: 1, seed: seed * 1000 + k }, { backend: matrixBackend }),
      ),
    );
    return new QEnsemble(nets, spec.inputSize ?? 1, spec.outputSize ?? 1);
  }

  get members(): number {
    return this.nets.length;
  }

  /** Member k's values on x [n, inputSize]: [n, actions]. */
  async predictMember(k: number, x: Float32Array): Promise<Float32Array> {
    return (await this.nets[k]!.predict(x)).members;
  }

  /** Every member's values on x: [members, n, actions]. */
  async predictAll(x: Float32Array): Promise<Float32Array> {
    const parts = await Promise.all(this.nets.map(async (net) => (await net.predict(x)).members));
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  /** One optimiser step of every member towards its own targets [members, n, actions] on x [n, inputSize]. */
  async train(x: Float32Array, targets: Float32Array): Promise<void> {
    const n = x.length / this.inputSize;
    const per = n * this.actions;
    await Promise.all(
      this.nets.map((net, k) =>
        net.fit(createDataset(x, targets.subarray(k * per, (k + 1) * per), this.inputSize, this.actions), {
          epochs: 1,
        }),
      ),
    );
  }

  /** A frozen copy of the current parameters, for TD targets. */
  async snapshot(): Promise<QEnsemble> {
    const nets = await Promise.all(
      this.nets.map(async (net) => Ensemble.fromModel(await net.toModel(), { backend: matrixBackend })),
    );
    return new QEnsemble(nets, this.inputSize, this.actions);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.nets.map((net) => net.dispose()));
  }
}
