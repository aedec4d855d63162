import { deserializeError } from "@rpf/core";
import type { WorkerRequest, WorkerResponse } from "./worker/protocol.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type JobRequest = DistributiveOmit<Exclude<WorkerRequest, { type: "stop" }>, "job">;

type FailedReply = Extract<WorkerResponse, { type: "failed" }>;

/**
 * A reply as the page's handlers get it: a failure's error revived from its serialized form, of
 * the class the worker threw (an InvalidArgumentError with its details stays one), or null when
 * nothing was thrown (a crashed worker).
 */
export type JobResponse = Exclude<WorkerResponse, FailedReply> | (Omit<FailedReply, "error"> & { error: Error | null });

function revived(response: WorkerResponse): JobResponse {
  if (response.type !== "failed") return response;
  return { ...response, error: response.error === null ? null : deserializeError(response.error) };
}

/**
 * A live worker answers Stop at once, even mid-job (it reads messages between training chunks of
 * at most ~0.3 s). One that does not has hung or closed itself, which no event reports.
 */
const STOP_ANSWER_MS = 3000;

/**
 * The page's side of the training worker: numbered jobs, each with its own reply handler.
 *
 * A worker that fails as a whole is ended and replaced: an `error` event (an uncaught error, or
 * a module that failed to load), a `messageerror` (a reply that cannot be read, so some job waits
 * forever), or no answer to Stop. Every pending job gets a "failed" reply, so each part of the
 * page recovers through the path it already has for failed jobs, and the next job starts a fresh
 * worker. An uncaught error does not end a worker by itself, but its queue and model can no
 * longer be trusted.
 */
export class WorkerClient {
  private worker: Worker | null;
  private readonly handlers = new Map<number, (response: JobResponse) => void>();
  /** Never reset, so a late reply from an ended worker cannot be taken for a new job's. */
  private nextJob = 1;
  private stopWatch: number | undefined;

  /** `onCrash` is told after the pending jobs have been failed (there may have been none). */
  constructor(private readonly onCrash: (message: string) => void) {
    // Started at once, so the backends load while the user reads the page.
    this.worker = this.spawn();
  }

  start(request: JobRequest, onResponse: (response: JobResponse) => void): number {
    this.worker ??= this.spawn();
    const job = this.nextJob++;
    this.handlers.set(job, onResponse);
    this.worker.postMessage({ ...request, job });
    return job;
  }

  stop(job: number): void {
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: "stop", job } satisfies WorkerRequest);
    window.clearTimeout(this.stopWatch);
    this.stopWatch = window.setTimeout(
      () => this.crash(worker, `it did not answer Stop within ${STOP_ANSWER_MS / 1000} s`),
      STOP_ANSWER_MS,
    );
  }

  /** No more replies are expected for this job. */
  finish(job: number): void {
    this.handlers.delete(job);
  }

  /**
   * Ends the worker as the browser would a crashed one, through the same path as a crash. Only the
   * test hook calls this: a terminated worker cannot report itself.
   */
  kill(): void {
    if (this.worker) this.crash(this.worker, "it was terminated");
  }

  private spawn(): Worker {
    const worker = new Worker(new URL("./worker/training-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<WorkerResponse>) => {
      if (worker !== this.worker) return;
      if (event.data.type === "stop-received") window.clearTimeout(this.stopWatch);
      else this.handlers.get(event.data.job)?.(revived(event.data));
    });
    worker.addEventListener("error", (event) => {
      // Handled here and shown in the page, so the browser need not log it as uncaught as well.
      event.preventDefault();
      // A module that fails to load fires a plain Event, with no message.
      this.crash(worker, event.message || "it could not load");
    });
    worker.addEventListener("messageerror", () => this.crash(worker, "a reply from it could not be read"));
    return worker;
  }

  private crash(worker: Worker, reason: string): void {
    // Events from a worker already ended say nothing about the current one.
    if (worker !== this.worker) return;
    worker.terminate();
    this.worker = null;
    window.clearTimeout(this.stopWatch);
    const message = `the training worker stopped unexpectedly; ${reason}. Its model is lost; the next run starts a fresh worker.`;
    const pending = [...this.handlers];
    this.handlers.clear();
    for (const [job, handler] of pending) handler({ type: "failed", job, message, error: null });
    this.onCrash(message);
  }
}
