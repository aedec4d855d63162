import type { Dataset } from "../data/dataset.js";
import { AbortedError, InvalidArgumentError, UnsupportedError } from "../errors.js";
import type { EnsembleParams } from "../members/params.js";
import type { TrainingState } from "../members/training-state.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { Backend, EnsembleHandle, EnsembleInit, RawPrediction } from "./contract.js";
import type { DeviceName } from "./devices.js";
import type { FitRequest, FitResult } from "./fit-request.js";
import { unsupportedHeadReason } from "./registry.js";
import { TimeSlicer, yieldToEventLoop } from "./time-slicing.js";
import { checkFinite, checkWeightCount, validateFitRequest, validatePredictInput } from "./validate.js";

/** The default progress cadence: about this many reports per fit. */
const REPORTS_PER_FIT = 100;

/** The first multiple of `every` after `done`. */
function nextMultiple(done: number, every: number): number {
  return (Math.floor(done / every) + 1) * every;
}

/**
 * Core's side of a backend handle, and the one fit loop in rpf. It checks every input once,
 * trains in time slices (see time-slicing.ts) with progress, checkpoint pauses and abort between
 * them, stops at the first non-finite loss with DivergenceError naming the lowest diverged
 * member, keeps the epoch count, and refuses work once disposed. Backends only compute.
 */
export class HandleSession {
  private handle: EnsembleHandle | null;
  private epochs: number;
  /** The data the handle holds prepared, or null when none is (or a prepare failed). */
  private prepared: Dataset | null = null;

  constructor(
    handle: EnsembleHandle,
    readonly spec: EnsembleSpec,
    /** Epochs the handle had completed when it was opened (a training state's epoch). */
    startEpoch = 0,
  ) {
    this.handle = handle;
    this.epochs = startEpoch;
  }

  /**
   * Opens a handle on `backend` and wraps it.
   * @throws {UnsupportedError} when the backend does not list the spec's head in capabilities.heads.
   * @throws {BackendUnavailableError | ShapeError} as Backend.createEnsemble.
   */
  static async open(backend: Backend, init: EnsembleInit, device?: DeviceName): Promise<HandleSession> {
    const headProblem = unsupportedHeadReason(backend, init.spec.head);
    if (headProblem)
      throw new UnsupportedError(headProblem, { field: "head", accepted: backend.capabilities.heads.join(", ") });
    const handle = await backend.createEnsemble(init, device ? { device } : {});
    return new HandleSession(handle, init.spec, init.state?.epoch ?? 0);
  }

  /**
   * The backend's name, as its handle reports it.
   * @throws {InvalidArgumentError} once disposed.
   */
  get backend(): string {
    return this.live().backend;
  }

  /**
   * The device the handle runs on, as it reports it.
   * @throws {InvalidArgumentError} once disposed.
   */
  get device(): DeviceName {
    return this.live().device;
  }

  /** Epochs completed, across fit calls. */
  get epoch(): number {
    return this.epochs;
  }

  /**
   * Refuses work once disposed, for callers that do not reach the handle (Ensemble.sampleMember).
   * @throws {InvalidArgumentError} once disposed.
   */
  assertOpen(): void {
    this.live();
  }

  /** @throws {InvalidArgumentError} once disposed. */
  private live(): EnsembleHandle {
    if (!this.handle)
      throw new InvalidArgumentError("this ensemble handle was disposed; create a new one", { field: "handle" });
    return this.handle;
  }

  /**
   * Trains `request.epochs` epochs, or fewer when `request.stopCheck` stops it; a second call
   * continues where the first stopped, exactly.
   * @returns this call's losses [epochsCompleted, members], the final losses [members] and its seconds.
   * @throws {InvalidArgumentError | DataError | ShapeError} for bad input (validateFitRequest).
   * @throws {AbortedError} when the signal fires; the epochs before it stay trained and counted.
   * @throws {DivergenceError} at the first epoch with a non-finite loss (or one grown beyond
   *   float32 after epoch 1), naming its lowest diverged member.
   * @throws {NonFiniteOutputError} when epoch 1's loss is beyond float32: targets far too large unscaled.
   * @throws {UnsupportedError} from an inference-only backend (its prepareTraining refuses).
   */
  async fit(request: FitRequest): Promise<FitResult> {
    const handle = this.live();
    // Rows of the data the handle holds were checked when it was prepared.
    const appending = request.appendTo !== undefined && request.appendTo === this.prepared;
    validateFitRequest(this.spec, request, appending ? request.appendTo!.n : 0);
    const { epochs, signal, onProgress, progressMs, pause, onLosses, stopCheck } = request;
    const members = this.spec.members;
    const progressEvery = request.progressEvery ?? Math.max(1, Math.ceil(epochs / REPORTS_PER_FIT));
    const startEpoch = this.epochs;
    const targetEpoch = startEpoch + epochs;
    const history = new Float64Array(epochs * members);
    let handleMs = 0;
    const timed = async <T>(work: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        handleMs += performance.now() - started;
      }
    };
    await timed(() => this.prepare(handle, request));
    const slicer = new TimeSlicer();
    let done = 0;
    let reported = 0;
    let reportedAt = performance.now();
    while (done < epochs) {
      // Slices end where a report or a pause is due, so both land on their exact epochs.
      const boundary = Math.min(
        epochs,
        onProgress ? nextMultiple(done, progressEvery) : epochs,
        pause ? nextMultiple(done, pause.every) : epochs,
        stopCheck ? nextMultiple(done, stopCheck.every) : epochs,
      );
      const slice = Math.min(slicer.next(), boundary - done);
      const started = performance.now();
      const losses = await timed(() => handle.trainEpochs(slice));
      slicer.record(slice, performance.now() - started);
      if (losses.length !== slice * members) {
        throw new Error(
          `backend ${handle.backend} returned ${losses.length} losses for ${slice} epochs × ${members} members`,
        );
      }
      history.set(losses, done * members);
      this.epochs += slice;
      checkFinite(losses, members, startEpoch + done + 1);
      onLosses?.(losses);
      done += slice;
      const due =
        done % progressEvery === 0 ||
        done === epochs ||
        (progressMs !== undefined && performance.now() - reportedAt >= progressMs);
      if (onProgress && due) {
        await onProgress({
          epoch: this.epochs,
          targetEpoch,
          memberLosses: history.slice((done - 1) * members, done * members),
          recentLosses: history.slice(reported * members, done * members),
        });
        reported = done;
        reportedAt = performance.now();
      }
      if (stopCheck && (done % stopCheck.every === 0 || done === epochs) && (await stopCheck.at(this.epochs))) break;
      if (done === epochs) break;
      if (pause && done % pause.every === 0) await pause.at(this.epochs);
      await yieldToEventLoop();
      if (signal?.aborted) throw new AbortedError(`training was aborted after epoch ${this.epochs}`, {}, signal.reason);
    }
    const finalLosses = await timed(() => handle.finalLosses());
    return {
      epochsCompleted: done,
      lossHistory: done === epochs ? history : history.slice(0, done * members),
      finalLosses,
      seconds: handleMs / 1000,
    };
  }

  /**
   * Prepares the handle for request's data: only the rows after appendTo's when appendTo is the
   * data the handle holds and the handle can append, else all of them.
   */
  private async prepare(handle: EnsembleHandle, request: FitRequest): Promise<void> {
    const { data, appendTo } = request;
    const previous = this.prepared;
    this.prepared = null;
    if (appendTo && appendTo === previous && (appendTo.n === data.n || handle.appendTraining)) {
      const from = appendTo.n;
      const members = this.spec.members;
      if (from < data.n)
        await handle.appendTraining!(
          rowsFrom(data, from, members),
          request.appendedWeights ?? rowsOfBlocks(this.exampleWeightsOf(request), data.n, from, members, 1),
        );
    } else {
      await handle.prepareTraining(data, this.exampleWeightsOf(request));
    }
    this.prepared = data;
  }

  /**
   * The request's example weights [members, n], joined when given as a function.
   * @throws {ShapeError} when they do not hold one weight per member and row.
   */
  private exampleWeightsOf(request: FitRequest): Float32Array {
    const { exampleWeights } = request;
    if (typeof exampleWeights !== "function") return exampleWeights;
    const weights = exampleWeights();
    checkWeightCount(this.spec, weights, request.data.n, "exampleWeights");
    return weights;
  }

  /**
   * Each member's loss with its current parameters on the latest fit's data, [members].
   * @throws {InvalidArgumentError} once disposed.
   */
  async finalLosses(): Promise<Float64Array> {
    return this.live().finalLosses();
  }

  /**
   * Raw outputs for x [n, inputSize] (standardised).
   * @throws {ShapeError} for a length that is not a positive multiple of inputSize.
   * @throws {DataError} for non-finite x.
   * @throws {InvalidArgumentError} once disposed.
   */
  async predict(x: Float32Array): Promise<RawPrediction> {
    const handle = this.live();
    validatePredictInput(this.spec, x);
    return handle.predict(x);
  }

  /**
   * Member `member`'s raw outputs alone for x [n, inputSize] (standardised), [1, n, outputSize] each.
   * @throws {InvalidArgumentError} for a member that is not a whole number in [0, members), or once disposed.
   * @throws {ShapeError} for a length that is not a positive multiple of inputSize.
   * @throws {DataError} for non-finite x.
   */
  async predictMember(member: number, x: Float32Array): Promise<RawPrediction> {
    const handle = this.live();
    const members = this.spec.members;
    if (!(Number.isSafeInteger(member) && member >= 0 && member < members)) {
      throw new InvalidArgumentError(
        `member must be a whole number from 0 to ${members - 1} (the ensemble has ${members}), got ${String(member)}`,
        { field: "member", accepted: `0 to ${members - 1}` },
      );
    }
    validatePredictInput(this.spec, x);
    return handle.predictMember(member, x);
  }

  /**
   * Every member's parameters, trainable and prior ([members, paramCount] each, float32).
   * @throws {InvalidArgumentError} once disposed.
   */
  async params(): Promise<EnsembleParams> {
    return this.live().params();
  }

  /**
   * Everything needed to continue training exactly: epoch, step, trainable parameters and optimiser slots.
   * @throws {UnsupportedError} from an inference-only backend.
   * @throws {InvalidArgumentError} once disposed.
   */
  async trainingState(): Promise<TrainingState> {
    return this.live().trainingState();
  }

  /** Releases the handle; later calls throw InvalidArgumentError. Calling it twice does nothing. */
  async dispose(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.dispose();
  }
}

/** Rows [from, n) of every block of a [blocks, n, width] array, as a [blocks, n − from, width] copy. */
function rowsOfBlocks(values: Float32Array, n: number, from: number, blocks: number, width: number): Float32Array {
  const rows = n - from;
  const out = new Float32Array(blocks * rows * width);
  for (let b = 0; b < blocks; b++)
    out.set(values.subarray((b * n + from) * width, (b + 1) * n * width), b * rows * width);
  return out;
}

/** Rows [from, n) of a dataset, with their per-member targets. */
function rowsFrom(data: Dataset, from: number, members: number): Dataset {
  const { n, inputSize, outputSize } = data;
  return {
    x: data.x.slice(from * inputSize),
    y: data.y.slice(from * outputSize),
    n: n - from,
    inputSize,
    outputSize,
    ...(data.yByMember ? { yByMember: rowsOfBlocks(data.yByMember, n, from, members, outputSize) } : {}),
  };
}
