import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { deserializeError } from "@rpf/core";
import type { GroupReply, GroupRequest } from "./protocol.js";

/**
 * The worker script. Tests run this package's TypeScript sources, which Node cannot start as a
 * worker; there the built worker in dist/ is used (`pnpm test` builds first).
 */
function workerScript(): URL {
  const beside = new URL("./member-worker.js", import.meta.url);
  return existsSync(fileURLToPath(beside)) ? beside : new URL("../../dist/parallel/member-worker.js", import.meta.url);
}

/** One worker thread holding a group of members; requests are answered one at a time, in order. */
export class GroupClient {
  /** No inherited Node flags: a test runner's resolve conditions would point the worker at sources. */
  private readonly worker = new Worker(workerScript(), { execArgv: [] });
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly memberOffset: number,
    readonly members: number,
  ) {
    this.worker.unref();
  }

  request<T>(message: GroupRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    const reply = this.queue.then(
      () =>
        new Promise<T>((resolve, reject) => {
          const onError = (error: Error) => {
            this.worker.off("message", onMessage);
            reject(error);
          };
          const onMessage = (answer: GroupReply) => {
            this.worker.off("error", onError);
            if (answer.ok) resolve(answer.value as T);
            // The worker's error as its class, with its details: an InvalidArgumentError stays one.
            else reject(deserializeError(answer.error));
          };
          this.worker.once("message", onMessage);
          this.worker.once("error", onError);
          this.worker.postMessage(message, transfer);
        }),
    );
    this.queue = reply.catch(() => undefined);
    return reply;
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
