import type { Dataset, DeviceName, EnsembleParams, EnsembleSpec } from "@rpf/core";
import {
  allocateRawPrediction,
  type EnsembleHandle,
  type EnsembleInit,
  joinTrainingStates,
  paramCounts,
  type RawPrediction,
  sliceTrainingState,
  type TrainingState,
  validateEnsembleParams,
  validateTrainingState,
} from "@rpf/core/backend";
import { GroupClient } from "./group-client.js";
import type { EnsembleWeights } from "./protocol.js";

/** Splits `members` (or rows) into `groups` contiguous runs as even as possible: [offset, count] each. */
export function splitMembers(members: number, groups: number): { offset: number; count: number }[] {
  const base = Math.floor(members / groups);
  const extra = members % groups;
  let offset = 0;
  return Array.from({ length: groups }, (_, g) => {
    const count = base + (g < extra ? 1 : 0);
    const group = { offset, count };
    offset += count;
    return group;
  });
}

/**
 * backend-matrix on several worker threads: each trains a contiguous group of members with the
 * single-threaded handle, and trainEpochs joins the groups' losses into [epochs, members]. Since
 * members are independent, the results are bit-identical to the single-threaded handle.
 */
export class ParallelMatrixHandle implements EnsembleHandle {
  readonly backend = "matrix";
  readonly device: DeviceName = "cpu";
  private groups: GroupClient[];
  /** Counts the starts and ends of trainEpochs calls, the only times the weights change. */
  private weightsVersion = 0;
  /** Every member's weights as of `version`, for predict. */
  private cachedWeights: { readonly version: number; readonly weights: EnsembleWeights } | null = null;

  private constructor(
    private readonly spec: EnsembleSpec,
    groups: GroupClient[],
  ) {
    this.groups = groups;
  }

  /**
   * Starts min(threads, members) workers, each training a contiguous group of members (splitMembers).
   * @throws {ShapeError} for parameters or a training state that do not fit the spec.
   * @throws {InvalidArgumentError} for a spec with invalid layer sizes (one not from resolveEnsembleSpec).
   */
  static async create(
    { spec, params, state, memberOffset = 0 }: EnsembleInit,
    threads: number,
  ): Promise<ParallelMatrixHandle> {
    validateEnsembleParams(spec, params);
    if (state) validateTrainingState(spec, state);
    const counts = paramCounts(spec);
    const groups = splitMembers(spec.members, Math.min(threads, spec.members)).map(
      ({ offset, count }) => new GroupClient(offset, count),
    );
    await Promise.all(
      groups.map((group) =>
        group.request({
          kind: "init",
          spec: { ...spec, members: group.members },
          params: {
            trainable: params.trainable.slice(
              group.memberOffset * counts.trainable,
              (group.memberOffset + group.members) * counts.trainable,
            ),
            prior: params.prior.slice(
              group.memberOffset * counts.prior,
              (group.memberOffset + group.members) * counts.prior,
            ),
          },
          // The group's first member counted in the whole ensemble, of which this handle may be a group too.
          memberOffset: memberOffset + group.memberOffset,
          ...(state ? { state: sliceTrainingState(spec, state, group.memberOffset, group.members) } : {}),
        }),
      ),
    );
    return new ParallelMatrixHandle(spec, groups);
  }

  async prepareTraining(data: Dataset, exampleWeights: Float32Array): Promise<void> {
    await Promise.all(
      this.groups.map((group) =>
        group.request({
          kind: "prepareTraining",
          data: data.yByMember
            ? {
                ...data,
                yByMember: data.yByMember.slice(
                  group.memberOffset * data.n * data.outputSize,
                  (group.memberOffset + group.members) * data.n * data.outputSize,
                ),
              }
            : data,
          exampleWeights: exampleWeights.slice(
            group.memberOffset * data.n,
            (group.memberOffset + group.members) * data.n,
          ),
        }),
      ),
    );
  }

  async trainEpochs(epochs: number): Promise<Float64Array> {
    this.weightsVersion += 1;
    try {
      const parts = await Promise.all(
        this.groups.map((group) => group.request<Float64Array>({ kind: "trainEpochs", epochs })),
      );
      const members = this.spec.members;
      const losses = new Float64Array(epochs * members);
      parts.forEach((part, g) => {
        const { memberOffset, members: count } = this.groups[g]!;
        for (let e = 0; e < epochs; e++)
          losses.set(part.subarray(e * count, (e + 1) * count), e * members + memberOffset);
      });
      return losses;
    } finally {
      this.weightsVersion += 1;
    }
  }

  async finalLosses(): Promise<Float64Array> {
    const parts = await Promise.all(this.groups.map((group) => group.request<Float64Array>({ kind: "finalLosses" })));
    const losses = new Float64Array(this.spec.members);
    parts.forEach((part, g) => {
      losses.set(part, this.groups[g]!.memberOffset);
    });
    return losses;
  }

  /**
   * Each worker predicts a share of the rows for every member, from all the members' weights, so
   * that the workers share the work evenly even when the members do not split evenly (9 members
   * on 2 threads train 5:4).
   */
  async predict(x: Float32Array): Promise<RawPrediction> {
    const groups = this.groups;
    const { inputSize, outputSize, members } = this.spec;
    const n = x.length / inputSize;
    const weights = await this.weights();
    const rows = splitMembers(n, groups.length);
    const parts = await Promise.all(
      rows.map(({ offset, count }, g) =>
        count === 0
          ? null
          : groups[g]!.request<RawPrediction>({
              kind: "predictRows",
              x: x.slice(offset * inputSize, (offset + count) * inputSize),
              spec: this.spec,
              weights,
            }),
      ),
    );
    const out = allocateRawPrediction(this.spec, n);
    parts.forEach((part, g) => {
      if (!part) return;
      const { offset, count } = rows[g]!;
      const size = count * outputSize;
      for (let m = 0; m < members; m++) {
        const to = (m * n + offset) * outputSize;
        out.members.set(part.members.subarray(m * size, (m + 1) * size), to);
        out.prior.set(part.prior.subarray(m * size, (m + 1) * size), to);
        out.trainable.set(part.trainable.subarray(m * size, (m + 1) * size), to);
        if (out.variance && part.variance) out.variance.set(part.variance.subarray(m * size, (m + 1) * size), to);
      }
    });
    return out;
  }

  /** Member `member` alone, on the first worker, from the weights predict uses (so the same bits). */
  async predictMember(member: number, x: Float32Array): Promise<RawPrediction> {
    const weights = await this.weights();
    // cannot throw {InvalidArgumentError}: create validated the spec (validateEnsembleParams)
    const counts = paramCounts(this.spec);
    return this.groups[0]!.request<RawPrediction>({
      kind: "predictRows",
      x,
      spec: { ...this.spec, members: 1 },
      weights: {
        trainable: weights.trainable.slice(member * counts.trainable, (member + 1) * counts.trainable),
        prior: weights.prior.slice(member * counts.prior, (member + 1) * counts.prior),
      },
    });
  }

  /**
   * Every member's weights as its worker holds them: the trainable ones in float64 from the
   * training state, the frozen priors from params (float32 values, held exactly in float64).
   * Fetched again only after training, and kept only if no training started or ended meanwhile.
   */
  private async weights(): Promise<EnsembleWeights> {
    const version = this.weightsVersion;
    if (this.cachedWeights?.version === version) return this.cachedWeights.weights;
    const [state, params] = await Promise.all([this.trainingState(), this.params()]);
    const weights = { trainable: state.trainable, prior: Float64Array.from(params.prior) };
    if (this.weightsVersion === version) this.cachedWeights = { version, weights };
    return weights;
  }

  async params(): Promise<EnsembleParams> {
    const groups = this.groups;
    const parts = await Promise.all(groups.map((group) => group.request<EnsembleParams>({ kind: "params" })));
    // cannot throw {InvalidArgumentError}: create validated the spec (validateEnsembleParams)
    const counts = paramCounts(this.spec);
    const result = {
      trainable: new Float32Array(this.spec.members * counts.trainable),
      prior: new Float32Array(this.spec.members * counts.prior),
    };
    parts.forEach((part, g) => {
      result.trainable.set(part.trainable, groups[g]!.memberOffset * counts.trainable);
      result.prior.set(part.prior, groups[g]!.memberOffset * counts.prior);
    });
    return result;
  }

  async trainingState(): Promise<TrainingState> {
    const groups = this.groups;
    return joinTrainingStates(
      await Promise.all(groups.map((group) => group.request<TrainingState>({ kind: "trainingState" }))),
    );
  }

  async dispose(): Promise<void> {
    const groups = this.groups;
    this.groups = [];
    await Promise.all(groups.map((group) => group.terminate()));
  }
}
