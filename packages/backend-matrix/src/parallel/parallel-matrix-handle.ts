import {
  AbortedError,
  allocateRawPrediction,
  type DeviceName,
  type EnsembleHandle,
  type EnsembleInit,
  type EnsembleParams,
  type EnsembleSpec,
  type FitRequest,
  type FitResult,
  InvalidArgumentError,
  joinTrainingStates,
  paramCounts,
  type RawPrediction,
  sliceTrainingState,
  type TrainingState,
  validateEnsembleParams,
  validateFitRequest,
  validatePredictInput,
  validateTrainingState,
} from "@rpf/core";
import { GroupClient } from "./group-client.js";
import type { EnsembleWeights } from "./protocol.js";

type FitChunk = Pick<FitResult, "lossHistory" | "finalLosses">;

/** Chunks of about this long keep progress, AbortSignal and the event loop live. */
const CHUNK_TARGET_MS = 50;

/** The next chunk's epochs, scaled so it takes about CHUNK_TARGET_MS (at most doubling). */
function nextChunkSize(epochs: number, elapsedMs: number): number {
  if (epochs === 0) return 1;
  const scaled = Math.floor((epochs * CHUNK_TARGET_MS) / Math.max(elapsedMs, 1));
  return Math.max(1, Math.min(2 * epochs, scaled));
}

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
 * single-threaded handle. Fits run in chunks of epochs so progress and AbortSignal work as in one
 * thread; since members are independent and split training equals one call (a conformance case),
 * the results are bit-identical to the single-threaded handle.
 */
export class ParallelMatrixHandle implements EnsembleHandle {
  readonly backend = "matrix";
  readonly device: DeviceName = "cpu";
  private groups: GroupClient[];
  /** Counts the starts and ends of fits, the only times the weights change. */
  private weightsVersion = 0;
  /** Every member's weights as of `version`, for predict. */
  private cachedWeights: { readonly version: number; readonly weights: EnsembleWeights } | null = null;

  private constructor(
    private readonly spec: EnsembleSpec,
    groups: GroupClient[],
    private epochsDone: number,
  ) {
    this.groups = groups;
  }

  static async create({ spec, params, state }: EnsembleInit, threads: number): Promise<ParallelMatrixHandle> {
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
          memberOffset: group.memberOffset,
          ...(state ? { state: sliceTrainingState(spec, state, group.memberOffset, group.members) } : {}),
        }),
      ),
    );
    return new ParallelMatrixHandle(spec, groups, state?.epoch ?? 0);
  }

  private live(): GroupClient[] {
    if (this.groups.length === 0)
      throw new InvalidArgumentError("this ensemble handle was disposed; create a new one", { field: "handle" });
    return this.groups;
  }

  async fit(request: FitRequest): Promise<FitResult> {
    this.weightsVersion += 1;
    try {
      return await this.fitInChunks(request);
    } finally {
      this.weightsVersion += 1;
    }
  }

  private async fitInChunks(request: FitRequest): Promise<FitResult> {
    const groups = this.live();
    validateFitRequest(this.spec, request);
    const { data, exampleWeights, epochs, signal, onProgress } = request;
    const members = this.spec.members;
    const history = new Float32Array(epochs * members);
    const finalLosses = new Float64Array(members);
    const targetEpoch = this.epochsDone + epochs;
    const progressEvery = request.progressEvery ?? Math.max(1, Math.ceil(epochs / 100));
    let done = 0;
    let chunkEpochs = 1;
    // An epochs = 0 fit still runs one (empty) chunk, for the final losses.
    do {
      const nextReport = Math.min(epochs, (Math.floor(done / progressEvery) + 1) * progressEvery);
      const chunk = Math.min(chunkEpochs, nextReport - done);
      const first = done === 0;
      const started = performance.now();
      const results = await Promise.all(
        groups.map((group) =>
          group.request<FitChunk>({
            kind: "fit",
            epochs: chunk,
            last: done + chunk >= epochs,
            ...(first
              ? {
                  data,
                  exampleWeights: exampleWeights.slice(
                    group.memberOffset * data.n,
                    (group.memberOffset + group.members) * data.n,
                  ),
                }
              : {}),
          }),
        ),
      );
      chunkEpochs = nextChunkSize(chunk, performance.now() - started);
      results.forEach((result, g) => {
        const { memberOffset, members: count } = groups[g]!;
        for (let e = 0; e < chunk; e++) {
          for (let m = 0; m < count; m++)
            history[(done + e) * members + memberOffset + m] = result.lossHistory[e * count + m]!;
        }
        finalLosses.set(result.finalLosses, memberOffset);
      });
      done += chunk;
      this.epochsDone += chunk;
      if (onProgress && chunk > 0 && done === nextReport) {
        onProgress({
          epoch: this.epochsDone,
          targetEpoch,
          memberLosses: Float64Array.from(history.subarray((done - 1) * members, done * members)),
        });
      }
      if (signal?.aborted && done < epochs)
        throw new AbortedError(`training was aborted after epoch ${this.epochsDone}`);
    } while (done < epochs);
    return { epochsCompleted: epochs, lossHistory: history, finalLosses };
  }

  /**
   * Each worker predicts a share of the rows for every member, from all the members' weights, so
   * that the workers share the work evenly even when the members do not split evenly (9 members
   * on 2 threads train 5:4).
   */
  async predict(x: Float32Array): Promise<RawPrediction> {
    const groups = this.live();
    const { inputSize, outputSize, members } = this.spec;
    const n = validatePredictInput(this.spec, x);
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

  /**
   * Every member's weights as its worker holds them: the trainable ones in float64 from the
   * training state, the frozen priors from params (float32 values, held exactly in float64).
   * Fetched again only after a fit, and kept only if no fit started or ended meanwhile.
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
    const groups = this.live();
    const parts = await Promise.all(groups.map((group) => group.request<EnsembleParams>({ kind: "params" })));
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
    const groups = this.live();
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
