import { parentPort } from "node:worker_threads";
import type { Dataset } from "@rpf/core";
import { MatrixEnsembleHandle } from "../matrix-handle.js";
import type { GroupReply, GroupRequest, GroupValue } from "./protocol.js";

/**
 * A worker thread that trains one contiguous group of members with the ordinary single-threaded
 * handle. Members never interact, so splitting them over threads changes no result.
 */
let handle: MatrixEnsembleHandle | null = null;
let data: Dataset | null = null;
let exampleWeights: Float32Array | null = null;

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
    case "fit": {
      if (request.data) data = request.data;
      if (request.exampleWeights) exampleWeights = request.exampleWeights;
      const result = await handle.fitChunk(
        { data: data!, exampleWeights: exampleWeights!, epochs: request.epochs },
        { continueChunk: !request.data, finalLosses: request.last },
      );
      return { lossHistory: result.lossHistory, finalLosses: result.finalLosses };
    }
    case "predict":
      return handle.predict(request.x);
    case "params":
      return handle.params();
    case "trainingState":
      return handle.trainingState();
  }
}

parentPort!.on("message", (request: GroupRequest) => {
  serve(request).then(
    (value) => parentPort!.postMessage({ ok: true, value } satisfies GroupReply),
    (error: Error & { code?: string; member?: number; epoch?: number }) =>
      parentPort!.postMessage({
        ok: false,
        error: { name: error.name, code: error.code, message: error.message, member: error.member, epoch: error.epoch },
      } satisfies GroupReply),
  );
});
