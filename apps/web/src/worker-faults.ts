import type { PlaygroundWorkerFault } from "./playground-hook.js";
import type { Session } from "./session.js";
import type { WorkerClient } from "./worker-client.js";

/** `rpfPlayground.breakWorker`: test-only, so e2e tests can break the worker as a bug would. */
export function breakWorker(fault: PlaygroundWorkerFault, worker: WorkerClient, session: Session): void {
  switch (fault) {
    case "kill":
      worker.kill();
      return;
    case "throw-in-job":
    case "throw-rpf-in-job":
      // A job of its own, run as Train's are, so its failure shows where training failures do.
      if (session.running) throw new Error(`breakWorker("${fault}") needs an idle page: a job is running`);
      session.begin({ type: "fault", fault }, "Test fault", (response) => {
        if (response.type === "failed") session.fail(response.message, response.error);
      });
      return;
    case "throw-uncaught":
    case "close":
      // Sent beside the running job, if any, which it breaks: the only reply is the crash's.
      worker.start({ type: "fault", fault }, (response) => worker.finish(response.job));
      return;
  }
}
