/**
 * `@rpf/queue`: rpf's member jobs on a BullMQ queue over Redis. `connectQueueRunner` gives
 * `Ensemble.fit(data, { queue })` (and sweeps) a JobRunner that spreads the jobs over every
 * `startQueueWorker` / `rpf worker` process that reaches the same Redis; the results are
 * bit-identical to a local run. docs/queue.md measures it and plans for many machines.
 */
export { parseQueueUrl, type QueueAddress } from "./connection.js";
export { fetchDataset, uploadDataset } from "./data-store.js";
export { NoWorkersError, QueueUnavailableError } from "./errors.js";
export { connectQueueRunner, type QueueJobRunner, type QueueRunnerOptions } from "./queue-runner.js";
export {
  DEFAULT_CHECKPOINT_EVERY,
  DEFAULT_CHECKPOINT_SECONDS,
  DEFAULT_LOCK_MS,
  type QueueWorker,
  type QueueWorkerOptions,
  startQueueWorker,
  type WorkerEvent,
} from "./worker.js";
