import type { WorkerRequest, WorkerResponse } from "./worker/protocol.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type JobRequest = DistributiveOmit<Exclude<WorkerRequest, { type: "stop" }>, "job">;

/** The page's side of the training worker: numbered jobs, each with its own reply handler. */
export class WorkerClient {
  private readonly worker = new Worker(new URL("./worker/training-worker.ts", import.meta.url), { type: "module" });
  private readonly handlers = new Map<number, (response: WorkerResponse) => void>();
  private nextJob = 1;

  constructor(onCrash: (message: string) => void) {
    this.worker.addEventListener("message", (event: MessageEvent<WorkerResponse>) => {
      this.handlers.get(event.data.job)?.(event.data);
    });
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      onCrash(`the training worker failed: ${event.message || "it could not start"}`);
    });
  }

  start(request: JobRequest, onResponse: (response: WorkerResponse) => void): number {
    const job = this.nextJob++;
    this.handlers.set(job, onResponse);
    this.worker.postMessage({ ...request, job });
    return job;
  }

  stop(job: number): void {
    this.worker.postMessage({ type: "stop", job } satisfies WorkerRequest);
  }

  /** No more replies are expected for this job. */
  finish(job: number): void {
    this.handlers.delete(job);
  }
}
