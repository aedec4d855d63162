import { parentPort } from "node:worker_threads";
import { type EnsembleSpec, serializeError } from "@rpf/core";
import { paramCounts, type RawPrediction } from "@rpf/core/backend";
import { MatrixEnsembleHandle } from "../matrix-handle.js";
import { MemberPredictor } from "../member-predictor.js";
import type { MemberWeights } from "../wasm/wasm-predictor.js";
import type { EnsembleWeights, GroupReply, GroupRequest, GroupValue } from "./protocol.js";

/**
 * A worker thread that trains one contiguous group of members with the ordinary single-threaded
 * handle, and predicts some of the rows for every member. Members never interact, nor do rows, so
 * splitting them over threads changes no result.
 */
let handle: MatrixEnsembleHandle | null = null;
/**
 * Predictors by member count: the whole ensemble's (every worker takes some of the rows) and a
 * one-member one (predictMember), each made at its first request.
 */
const predictors = new Map<number, MemberPredictor>();

/** Each member's weights, as views into the ensemble-wide arrays. */
function membersOf(spec: EnsembleSpec, weights: EnsembleWeights): MemberWeights[] {
  const counts = paramCounts(spec);
  return Array.from({ length: spec.members }, (_, m) => ({
    params: weights.trainable.subarray(m * counts.trainable, (m + 1) * counts.trainable),
    prior: weights.prior.subarray(m * counts.prior, (m + 1) * counts.prior),
  }));
}

async function serve(request: GroupRequest): Promise<GroupValue> {
  if (request.kind === "init") {
    handle = new MatrixEnsembleHandle(request.spec, request.params, {
      memberOffset: request.memberOffset,
      ...(request.state ? { state: request.state } : {}),
    });
    return undefined;
  }
  if (!handle) throw new Error("member worker used before init");
  switch (request.kind) {
    case "prepareTraining":
      await handle.prepareTraining(request.data, request.exampleWeights);
      return undefined;
    case "trainEpochs":
      return handle.trainEpochs(request.epochs);
    case "trainChunk":
      return handle.trainChunk(request.data, request.exampleWeights, request.order);
    case "finalLosses":
      return handle.finalLosses();
    case "predictRows": {
      const { spec, x, weights } = request;
      let predictor = predictors.get(spec.members);
      if (!predictor) {
        predictor = new MemberPredictor(spec, "float64", handle.kernel);
        predictors.set(spec.members, predictor);
      }
      return predictor.predict(x, x.length / spec.inputSize, membersOf(spec, weights));
    }
    case "params":
      return handle.params();
    case "trainingState":
      return handle.trainingState();
  }
}

/** A prediction's arrays are fresh and large: they move to the main thread instead of being copied. */
function transferOf(request: GroupRequest, value: GroupValue): ArrayBuffer[] {
  if (request.kind !== "predictRows") return [];
  const { members, prior, trainable, variance } = value as RawPrediction;
  return [members, prior, trainable, ...(variance ? [variance] : [])].map((part) => part.buffer as ArrayBuffer);
}

parentPort!.on("message", (request: GroupRequest) => {
  serve(request).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies GroupReply, transferOf(request, value)),
    (error: unknown) => parentPort!.postMessage({ ok: false, error: serializeError(error) } satisfies GroupReply),
  );
});
