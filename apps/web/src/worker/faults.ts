import { InvalidArgumentError } from "@rpf/core";
import type { JobFault, WorkerFault } from "./protocol.js";

/** Every fault's message names its source, so nobody mistakes a test's fault for a real bug. */
const SOURCE = "test fault from rpfPlayground.breakWorker";

/**
 * What a job fault's job throws: for "throw-in-job" a plain Error, not an RpfError, as a bug
 * would; for "throw-rpf-in-job" an InvalidArgumentError with details and a cause, as bad input
 * would, so a test can check that class, code and details reach the page.
 */
export function jobFault(fault: JobFault): Error {
  if (fault === "throw-in-job") return new Error(`${SOURCE}: an error inside a job`);
  return new InvalidArgumentError(
    `${SOURCE}: an rpf error inside a job`,
    { field: "fault", accepted: "no fault", where: "training worker" },
    new RangeError(`${SOURCE}: its cause`),
  );
}

/**
 * The faults that act at once, from the message listener, and not through the job queue: the
 * listener runs between training chunks, so they land in the middle of a run.
 */
export function injectFault(fault: Exclude<WorkerFault, JobFault>): void {
  if (fault === "close") {
    // The worker ends itself: the page gets no event and no more replies, as from one that hangs.
    self.close();
    return;
  }
  // Outside every job's promise chain, nothing in the worker catches this: the browser reports it
  // as an `error` event on the Worker object in the page, as it would a real bug in a callback.
  throw new Error(`${SOURCE}: an uncaught error`);
}
