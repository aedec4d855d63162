import { type Ensemble, InvalidArgumentError, isRpfError, type ModelData, serializeError } from "@rpf/core";
import { injectFault, jobFault } from "./faults.js";
import { classSnapshotBuffers, type JobContext, predictionBuffers } from "./job-context.js";
import { experimentJob } from "./jobs/experiment-job.js";
import { exportJob, loadModelJob } from "./jobs/model-file-jobs.js";
import { trainJob } from "./jobs/train-job.js";
import { isJobFault, type JobFault, type WorkerRequest, type WorkerResponse } from "./protocol.js";
import { registerBackends } from "./register-backends.js";

registerBackends();

/**
 * The model that Export writes, the last one trained or loaded, kept as data: its ensemble is
 * disposed as soon as its job is done, so no ensemble outlives its job. A matrix ensemble holds a
 * WebAssembly memory per member, and an engine allows a process only so many (Chromium: 125).
 */
let model: ModelData | null = null;
/** The job that Stop aborts: training or an experiment. */
let running: { job: number; controller: AbortController } | null = null;
/** Jobs run one at a time: tfjs has one active device per thread, and the model is shared. */
let queue: Promise<void> = Promise.resolve();

function post(response: WorkerResponse): void {
  const transfer =
    "prediction" in response
      ? [
          ...predictionBuffers(response.prediction),
          ...("classes" in response ? classSnapshotBuffers(response.classes) : []),
        ]
      : response.type === "exported"
        ? [response.bytes.buffer as ArrayBuffer]
        : [];
  self.postMessage(response, { transfer });
}

/** The ensemble's model as data, for Export; the ensemble itself is disposed. */
async function keepModel(ensemble: Ensemble): Promise<ModelData> {
  try {
    return await ensemble.toModel();
  } finally {
    await ensemble.dispose();
  }
}

/**
 * rpf's typed errors carry messages written for users; the page shows them as they are. Anything
 * else is a bug: the page gets its name and message, the console its stack.
 */
function failureMessage(error: unknown): string {
  if (isRpfError(error)) return error.message;
  console.error(error);
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `unexpected error in the training worker: ${what}`;
}

async function run(request: Exclude<WorkerRequest, { type: "stop" }>, context: JobContext): Promise<void> {
  switch (request.type) {
    case "train":
      // The previous model goes first: a failed run leaves none (the page says so).
      model = null;
      model = await keepModel(await trainJob(request, context));
      return;
    case "experiment":
      await experimentJob(request, context);
      return;
    case "export":
      if (!model) {
        throw new InvalidArgumentError("there is no model to export yet: train one or load a model file first", {
          field: "model",
        });
      }
      await exportJob(model, request.format, context);
      return;
    case "load-model":
      model = await keepModel(await loadModelJob(request, context));
      return;
    case "fault":
      // Only job faults are queued: the listener acts on the others at once.
      throw jobFault(request.fault as JobFault);
  }
}

self.addEventListener("message", (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === "stop") {
    post({ type: "stop-received", job: request.job });
    if (running?.job === request.job) running.controller.abort();
    return;
  }
  if (request.type === "fault" && !isJobFault(request.fault)) {
    injectFault(request.fault);
    return;
  }
  const controller = new AbortController();
  const stoppable = request.type === "train" || request.type === "experiment";
  if (stoppable) {
    running?.controller.abort();
    running = { job: request.job, controller };
  }
  const context: JobContext = { job: request.job, signal: controller.signal, post };
  queue = queue
    .then(() => run(request, context))
    .catch((error: unknown) => {
      post({ type: "failed", job: request.job, message: failureMessage(error), error: serializeError(error) });
    })
    .finally(() => {
      if (running?.job === request.job) running = null;
    });
});

// A request that cannot be read leaves its job waiting for a reply that never comes, and which job
// it was is unknown. Thrown uncaught, it becomes the Worker's `error` event in the page, which
// fails every pending job and starts a fresh worker for the next.
self.addEventListener("messageerror", () => {
  throw new Error("the training worker could not read a request from the page");
});
