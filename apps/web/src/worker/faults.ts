import type { WorkerFault } from "./protocol.js";

/** Every fault's message names its source, so nobody mistakes a test's fault for a real bug. */
const SOURCE = "test fault from rpfPlayground.breakWorker";

/** What a "throw-in-job" fault's job throws: a plain Error, not an RpfError, as a bug would. */
export function jobFault(): Error {
  return new Error(`${SOURCE}: an error inside a job`);
}

/**
 * The faults that act at once, from the message listener, and not through the job queue: the
 * listener runs between training chunks, so they land in the middle of a run.
 */
export function injectFault(fault: Exclude<WorkerFault, "throw-in-job">): void {
  if (fault === "close") {
    // The worker ends itself: the page gets no event and no more replies, as from one that hangs.
    self.close();
    return;
  }
  // Outside every job's promise chain, nothing in the worker catches this: the browser reports it
  // as an `error` event on the Worker object in the page, as it would a real bug in a callback.
  throw new Error(`${SOURCE}: an uncaught error`);
}
