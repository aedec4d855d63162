import type { StreamChunk } from "../data/stream-chunks.js";
import { AbortedError, UnsupportedError } from "../errors.js";
import { onlineBootstrapWeights } from "../members/bootstrap-weights.js";
import { streamChunkOrder } from "../members/stream-order.js";
import type { EnsembleSpec } from "../spec/types.js";
import type { EnsembleHandle } from "./contract.js";
import type { FitProgress, FitResult } from "./fit-request.js";
import { HandleClock } from "./handle-clock.js";
import { yieldToEventLoop } from "./time-slicing.js";
import { checkFinite } from "./validate.js";

/** One streamed fit on a handle: chunks read afresh for every epoch, never the whole set at once. */
export interface StreamFitRequest {
  /** A new pass over the training rows, standardised and checked, in chunks (streamChunks). */
  readonly pass: () => AsyncIterable<StreamChunk>;
  /** Rows in one pass. */
  readonly rows: number;
  /** Epochs to train, a whole number >= 1. */
  readonly epochs: number;
  /** Checked between chunks: an abort stops within an epoch with AbortedError. */
  readonly signal?: AbortSignal;
  /** Called after every epoch; training waits for a returned promise. */
  readonly onProgress?: (progress: FitProgress) => unknown;
  /** Receives every epoch's losses [1, members] once checked. */
  readonly onLosses?: (losses: Float64Array) => void;
}

/**
 * The streamed fit loop (HandleSession.fitStream). Epoch e visits the chunks in order; chunk c of
 * member m gets the online bootstrap weights of its rows (onlineBootstrapWeights: keyed by
 * (seed, m, row), so no [members, rows] array exists) and the row order streamChunkOrder(seed, m,
 * e, c). The epoch loss is Σ over chunks of the handle's Σ count·loss, divided by the rows: the
 * contract's epoch loss. Final losses take one more pass without training (prepareTraining and
 * finalLosses per chunk, weighted by its rows). An abort between chunks leaves that epoch's
 * finished chunks trained but the epoch uncounted.
 * @throws {UnsupportedError} when the handle has no trainChunk (tfjs, onnx).
 * @throws {AbortedError} when the signal fires.
 * @throws {DivergenceError | NonFiniteOutputError} as checkFinite, after the epoch with the loss.
 * @throws {DataError | ShapeError} from the pass (a bad row, a wrong row count).
 * @throws {InvalidArgumentError} for a seed outside [0, 2^53 − 1] or an epoch, chunk or row index
 *   beyond uint32 (streamChunkOrder, onlineBootstrapWeights): a spec not from resolveEnsembleSpec.
 */
export async function fitStreamOnHandle(
  handle: EnsembleHandle,
  spec: EnsembleSpec,
  startEpoch: number,
  request: StreamFitRequest,
  countEpoch: () => void,
): Promise<FitResult> {
  if (!handle.trainChunk) {
    throw new UnsupportedError(
      `backend ${handle.backend} cannot train from a stream of row chunks: use backend "matrix"`,
      { field: "backend", accepted: "matrix" },
    );
  }
  const trainChunk = handle.trainChunk.bind(handle);
  const { epochs, rows, signal, onProgress, onLosses } = request;
  const members = spec.members;
  const history = new Float64Array(epochs * members);
  const clock = new HandleClock();
  const timed = <T>(work: () => Promise<T>) => clock.timed(work);
  const aborted = (epoch: number) =>
    new AbortedError(
      `training was aborted during epoch ${epoch + 1}; ${epoch} epochs are complete`,
      {},
      signal?.reason,
    );
  for (let e = 0; e < epochs; e++) {
    const epoch = startEpoch + e;
    const totals = new Float64Array(members);
    for await (const chunk of request.pass()) {
      const { n } = chunk.data;
      const weights = onlineBootstrapWeights(spec, chunk.firstRow, n);
      const order = new Uint32Array(members * n);
      for (let m = 0; m < members; m++) order.set(streamChunkOrder(spec.seed, m, epoch, chunk.index, n), m * n);
      const sums = await timed(() => trainChunk(chunk.data, weights, order));
      if (sums.length !== members)
        throw new Error(`backend ${handle.backend} returned ${sums.length} chunk losses for ${members} members`);
      for (let m = 0; m < members; m++) totals[m]! += sums[m]!;
      await yieldToEventLoop();
      if (signal?.aborted) throw aborted(epoch);
    }
    const losses = totals.map((total) => total / rows);
    history.set(losses, e * members);
    countEpoch();
    checkFinite(losses, members, epoch + 1);
    onLosses?.(losses);
    await onProgress?.({
      epoch: epoch + 1,
      targetEpoch: startEpoch + epochs,
      memberLosses: losses.slice(),
      recentLosses: losses.slice(),
    });
  }
  const finals = new Float64Array(members);
  for await (const chunk of request.pass()) {
    const { n } = chunk.data;
    await timed(() => handle.prepareTraining(chunk.data, onlineBootstrapWeights(spec, chunk.firstRow, n)));
    const chunkLosses = await timed(() => handle.finalLosses());
    for (let m = 0; m < members; m++) finals[m]! += chunkLosses[m]! * n;
  }
  return {
    epochsCompleted: epochs,
    lossHistory: history,
    finalLosses: finals.map((total) => total / rows),
    seconds: clock.ms / 1000,
  };
}
