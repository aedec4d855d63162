import {
  type Dataset,
  type DeviceName,
  type EnsembleParams,
  type EnsembleSpec,
  InvalidArgumentError,
  memberTargets,
} from "@rpf/core";
import {
  type EnsembleHandle,
  type EnsembleInit,
  GrowingArray,
  inMeanWarmup,
  minibatchOrder,
  optimizerSlotCount,
  paramCounts,
  priorMlp,
  type RawPrediction,
  type TrainingState,
  validateEnsembleParams,
  validateTrainingState,
} from "@rpf/core/backend";
import { DenseNetwork } from "./dense-network.js";
import { MemberPredictor } from "./member-predictor.js";
import type { MemberStepper } from "./member-stepper.js";
import { MemberTrainer, type TrainingSet } from "./member-trainer.js";
import { trainMinibatchEpoch, trainMinibatches } from "./minibatch-epoch.js";
import { allocate, type Numbers, type Precision } from "./precision.js";
import { WasmMemberTrainer } from "./wasm/wasm-member-trainer.js";

/** Rows of the training set the prior network goes through at a time. */
const PRIOR_CHUNK_ROWS = 4096;

/** Which member trainer to use: "auto" takes the wasm kernel wherever it runs the spec. */
export type KernelChoice = "auto" | "typescript";

/**
 * How a MatrixEnsembleHandle stores and trains: precision (default float64), kernel (default "auto"), the
 * global index of its first member, and a training state to resume from.
 */
export interface MatrixHandleOptions {
  readonly precision?: Precision;
  readonly kernel?: KernelChoice;
  /** The global index of this handle's first member, when it trains one group of a larger ensemble. */
  readonly memberOffset?: number;
  readonly state?: TrainingState;
}

/** The kernel a handle will train with, and why TypeScript when it is not the wasm kernel. */
export function chooseKernel(
  spec: EnsembleSpec,
  precision: Precision,
  choice: KernelChoice,
): { kernel: "wasm" | "typescript"; reason: string | null } {
  if (choice === "typescript") return { kernel: "typescript", reason: "asked for" };
  // matrix-f32 exists to measure float32 rounding; the kernel computes in float64 only.
  if (precision !== "float64") return { kernel: "typescript", reason: "float32 storage has no wasm kernel" };
  const reason = WasmMemberTrainer.unsupportedReason(spec);
  return reason ? { kernel: "typescript", reason } : { kernel: "wasm", reason: null };
}

/**
 * backend-matrix's EnsembleHandle: every member trained on the CPU by the WebAssembly SIMD kernel or the
 * TypeScript reference, in float64 (or float32 storage for matrix-f32); parameters are [members, paramCount].
 * @throws {ShapeError} from the constructor, for parameters or a training state that do not fit the spec.
 * @throws {InvalidArgumentError} from the constructor, for a spec with invalid layer sizes (one not from resolveEnsembleSpec).
 */
export class MatrixEnsembleHandle implements EnsembleHandle {
  readonly backend: string;
  readonly device: DeviceName = "cpu";
  /** The member trainer in use: the WebAssembly SIMD kernel or the TypeScript reference. */
  readonly kernel: "wasm" | "typescript";
  private members: MemberStepper[];
  private epochsDone = 0;
  private readonly counts: { trainable: number; prior: number };
  private readonly precision: Precision;
  private readonly memberOffset: number;
  /**
   * The prepared training set of each member (one shared set unless the data has per-member
   * targets) and each member's example weights [n], views of `rows`.
   */
  private prepared: { readonly sets: readonly TrainingSet[]; readonly weights: readonly Float32Array[] } | null = null;
  /**
   * The prepared rows, kept with room to grow (GrowingArray): an append copies only the new rows,
   * whatever the rows held. `y` has one entry, or one per member with per-member targets.
   */
  private rows: {
    readonly x: GrowingArray<Numbers>;
    readonly y: readonly GrowingArray<Numbers>[];
    readonly weights: readonly GrowingArray<Float32Array>[];
  } | null = null;
  /** The prior network that computes β·p(x) of prepared rows, reused while its batch is large enough. */
  private priorNetwork: DenseNetwork | null = null;
  /** Made at the first predict. */
  private predictor: MemberPredictor | null = null;
  /** Predicts one member at a time (predictMember), made at its first call. */
  private memberPredictor: MemberPredictor | null = null;

  constructor(
    private readonly spec: EnsembleSpec,
    params: EnsembleParams,
    options: MatrixHandleOptions = {},
  ) {
    const { state } = options;
    validateEnsembleParams(spec, params);
    if (state) validateTrainingState(spec, state);
    this.precision = options.precision ?? "float64";
    this.memberOffset = options.memberOffset ?? 0;
    this.kernel = chooseKernel(spec, this.precision, options.kernel ?? "auto").kernel;
    this.backend = this.precision === "float64" ? "matrix" : "matrix-f32";
    this.counts = paramCounts(spec);
    // cannot throw {UnsupportedError}: chooseKernel picks the wasm kernel only for specs it runs
    this.members = this.buildMembers(params, 1, state);
    this.epochsDone = state?.epoch ?? 0;
  }

  private buildMembers(params: EnsembleParams, maxBatch: number, state?: TrainingState): MemberStepper[] {
    const members: MemberStepper[] = [];
    try {
      for (let m = 0; m < this.spec.members; m++) members.push(this.buildMember(params, m, maxBatch, state));
    } catch (error) {
      // Those already made give their kernel instances back.
      for (const member of members) member.dispose();
      throw error;
    }
    return members;
  }

  private buildMember(params: EnsembleParams, m: number, maxBatch: number, state?: TrainingState): MemberStepper {
    const { trainable, prior } = this.counts;
    const trainableParams = params.trainable.subarray(m * trainable, (m + 1) * trainable);
    const priorParams = params.prior.subarray(m * prior, (m + 1) * prior);
    const member: MemberStepper =
      this.kernel === "wasm"
        ? new WasmMemberTrainer(this.spec, trainableParams, priorParams, maxBatch)
        : new MemberTrainer(this.spec, trainableParams, priorParams, maxBatch, this.precision);
    if (state) member.readState(state, m * trainable);
    return member;
  }

  /** @throws {InvalidArgumentError} when the handle's kernel instances were released (after dispose). */
  async prepareTraining(data: Dataset, exampleWeights: Float32Array): Promise<void> {
    const numbers = () => new GrowingArray<Numbers>((length) => allocate(this.precision, length));
    const members = this.spec.members;
    this.rows = {
      x: numbers(),
      y: Array.from({ length: data.yByMember ? members : 1 }, numbers),
      weights: Array.from({ length: members }, () => new GrowingArray((length) => new Float32Array(length))),
    };
    await this.appendRows(data, exampleWeights, 0);
  }

  /**
   * The prepared rows grow by the new ones; only those are copied and go through the prior.
   * @throws {InvalidArgumentError} when called before prepareTraining, or after dispose.
   */
  async appendTraining(rows: Dataset, exampleWeights: Float32Array): Promise<void> {
    if (!this.prepared)
      throw new InvalidArgumentError("call prepareTraining before appendTraining", { field: "prepareTraining" });
    await this.appendRows(rows, exampleWeights, this.prepared.sets[0]!.n);
  }

  private async appendRows(rows: Dataset, exampleWeights: Float32Array, from: number): Promise<void> {
    const stores = this.rows!;
    stores.x.append(rows.x);
    stores.y.forEach((y, m) => {
      y.append(rows.yByMember ? memberTargets(rows, m) : rows.y);
    });
    stores.weights.forEach((weights, m) => {
      weights.append(exampleWeights.subarray(m * rows.n, (m + 1) * rows.n));
    });
    const n = from + rows.n;
    const x = stores.x.values;
    const sets = this.members.map((_, m) => ({ x, y: stores.y[stores.y.length > 1 ? m : 0]!.values, n }));
    await this.prepareSets(
      sets,
      stores.weights.map((weights) => weights.values),
      from,
    );
  }

  /**
   * A streamed chunk: prepared as prepareTraining prepares data (the members and their optimiser
   * state are kept), then each member steps through it in its row of `order`, or in one full-batch
   * step in row order when the batch covers the chunk (as trainEpochs). The epoch count stays.
   * @throws {InvalidArgumentError} when the handle's kernel instances were released (after dispose).
   */
  async trainChunk(chunk: Dataset, exampleWeights: Float32Array, order: Uint32Array): Promise<Float64Array> {
    await this.prepareTraining(chunk, exampleWeights);
    const { setOf, weightsOf } = this.training();
    const n = chunk.n;
    const batch = Math.min(this.spec.batchSize ?? n, n);
    return Float64Array.from(this.members, (member, m) => {
      member.meanOnly = inMeanWarmup(this.spec, this.epochsDone);
      return batch >= n
        ? n * member.step(setOf(m), weightsOf(m), null, 0, n)
        : trainMinibatches(member, setOf(m), weightsOf(m), order.subarray(m * n, (m + 1) * n), batch);
    });
  }

  /**
   * Makes the members ready for `sets` (one per member): each computes the prior's outputs on the
   * rows from `from` on, keeping those of the rows before (the last prepared sets' own).
   */
  private async prepareSets(
    sets: readonly TrainingSet[],
    weights: readonly Float32Array[],
    from: number,
  ): Promise<void> {
    const n = sets[0]!.n;
    const batch = Math.min(this.spec.batchSize ?? n, n);
    let keptRows = from;
    const capacity = this.members[0]!.maxBatch;
    if (capacity < batch) {
      const params = await this.params();
      const state = await this.trainingState();
      // Freed before the new members are made, which then reuse their kernel instances: both sets
      // at once would need twice the instances, more than an engine allows for a large ensemble.
      this.disposeMembers();
      // A full batch that grows a few rows at a time (Ensemble.update) would rebuild the members at
      // every call: the capacity at least doubles. It changes no result (the trainers' buffers and
      // blocks only bound how many rows go through at once).
      // cannot throw {UnsupportedError}: chooseKernel picks the wasm kernel only for specs it runs
      this.members = this.buildMembers(params, Math.max(batch, from > 0 ? 2 * capacity : batch), state);
      keptRows = 0;
    }
    const rows = Math.max(1, Math.min(n - keptRows, PRIOR_CHUNK_ROWS));
    // The network only bounds how many rows go through at once (each row's outputs are computed
    // alone), so one made for more rows serves fewer.
    if (!this.priorNetwork || this.priorNetwork.maxBatch < rows)
      // cannot throw {InvalidArgumentError}: the constructor validated the spec (validateEnsembleParams)
      this.priorNetwork = new DenseNetwork(priorMlp(this.spec), rows, this.precision);
    const priorNetwork = this.priorNetwork;
    this.members.forEach((member, m) => {
      member.extendPrior(sets[m]!, priorNetwork, keptRows);
    });
    this.prepared = { sets, weights };
  }

  private training(): { setOf(m: number): TrainingSet; weightsOf(m: number): Float32Array } {
    if (!this.prepared)
      throw new InvalidArgumentError("call prepareTraining before training", { field: "prepareTraining" });
    const { sets, weights } = this.prepared;
    return { setOf: (m) => sets[m]!, weightsOf: (m) => weights[m]! };
  }

  /** @throws {InvalidArgumentError} when called before prepareTraining. */
  async trainEpochs(epochs: number): Promise<Float64Array> {
    const { setOf, weightsOf } = this.training();
    const members = this.spec.members;
    const n = setOf(0).n;
    const batch = Math.min(this.spec.batchSize ?? n, n);
    const losses = new Float64Array(epochs * members);
    for (let e = 0; e < epochs; e++) {
      this.members.forEach((member, m) => {
        losses[e * members + m] = this.trainEpoch(member, m, setOf(m), weightsOf(m), this.epochsDone, batch);
      });
      this.epochsDone += 1;
    }
    return losses;
  }

  /** @throws {InvalidArgumentError} when called before prepareTraining. */
  async finalLosses(): Promise<Float64Array> {
    const { setOf, weightsOf } = this.training();
    return Float64Array.from(this.members, (member, m) => member.loss(setOf(m), weightsOf(m)));
  }

  /** One epoch of one member; returns its loss (full batch: the step's; else see trainMinibatchEpoch). */
  private trainEpoch(
    member: MemberStepper,
    m: number,
    set: TrainingSet,
    weights: Float32Array,
    epoch: number,
    batch: number,
  ): number {
    member.meanOnly = inMeanWarmup(this.spec, epoch);
    if (batch >= set.n) return member.step(set, weights, null, 0, set.n);
    const order = minibatchOrder(this.spec.seed, this.memberOffset + m, epoch, set.n);
    return trainMinibatchEpoch(member, set, weights, order, batch);
  }

  /**
   * @throws {InvalidArgumentError} when the handle's kernel instances were released (after dispose).
   * @throws {UnsupportedError} when the WebAssembly kernel cannot be loaded here.
   */
  async predict(x: Float32Array): Promise<RawPrediction> {
    this.predictor ??= new MemberPredictor(this.spec, this.precision, this.kernel);
    return this.predictor.predict(x, x.length / this.spec.inputSize, this.members);
  }

  /**
   * Member `member` alone, through a predictor for a one-member ensemble: the same forward pass as
   * predict, so its outputs equal predict's for that member bit for bit.
   * @throws {InvalidArgumentError} when the handle's kernel instances were released (after dispose).
   * @throws {UnsupportedError} when the WebAssembly kernel cannot be loaded here.
   */
  async predictMember(member: number, x: Float32Array): Promise<RawPrediction> {
    this.memberPredictor ??= new MemberPredictor({ ...this.spec, members: 1 }, this.precision, this.kernel);
    return this.memberPredictor.predict(x, x.length / this.spec.inputSize, [this.members[member]!]);
  }

  async params(): Promise<EnsembleParams> {
    const { trainable, prior } = this.counts;
    const result = {
      trainable: new Float32Array(this.spec.members * trainable),
      prior: new Float32Array(this.spec.members * prior),
    };
    this.members.forEach((member, m) => {
      result.trainable.set(member.params, m * trainable);
      result.prior.set(member.prior, m * prior);
    });
    return result;
  }

  async trainingState(): Promise<TrainingState> {
    const size = this.spec.members * this.counts.trainable;
    const trainable = new Float64Array(size);
    const slots = Array.from({ length: optimizerSlotCount(this.spec) }, () => new Float64Array(size));
    this.members.forEach((member, m) => {
      member.writeState(trainable, slots, m * this.counts.trainable);
    });
    return { epoch: this.epochsDone, step: this.members[0]?.stepCount ?? 0, trainable, slots };
  }

  private disposeMembers(): void {
    for (const member of this.members) member.dispose();
    this.members = [];
  }

  async dispose(): Promise<void> {
    this.disposeMembers();
    this.prepared = null;
    this.rows = null;
    this.priorNetwork = null;
    this.predictor?.dispose();
    this.predictor = null;
    this.memberPredictor?.dispose();
    this.memberPredictor = null;
  }
}

export function createMatrixHandle(
  init: EnsembleInit,
  options: Pick<MatrixHandleOptions, "precision" | "kernel"> = {},
): MatrixEnsembleHandle {
  return new MatrixEnsembleHandle(init.spec, init.params, {
    ...options,
    ...(init.state ? { state: init.state } : {}),
    ...(init.memberOffset ? { memberOffset: init.memberOffset } : {}),
  });
}
