import { matrixBackend } from "@rpf/backend-matrix";
import { type Dataset, Ensemble, type EnsembleSpecInput, fitSweep, type JobRunner, makeToyData } from "@rpf/core";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { connectQueueRunner, type QueueJobRunner, type QueueRunnerOptions } from "./queue-runner.js";
import { type RedisServer, redisServerMissing, startRedisServer } from "./testing/redis-server.js";
import { type QueueWorker, type QueueWorkerOptions, startQueueWorker } from "./worker.js";

/** Why the Redis tests cannot run here (redis-server missing), or null. */
export const NO_REDIS = redisServerMissing();

/** A tiny ensemble: the tests check bytes and behaviour, not accuracy, on a 2-core machine. */
export const TINY: EnsembleSpecInput = {
  members: 4,
  epochs: 30,
  inputSize: 1,
  outputSize: 1,
  trainable: { hiddenSizes: [8] },
  prior: { hiddenSizes: [8] },
};

/** Jobs long enough (a few hundred ms each on an idle core) to be caught mid-run by a fault. */
export const SLOW: EnsembleSpecInput = {
  ...TINY,
  epochs: 1000,
  trainable: { hiddenSizes: [32, 32] },
  prior: { hiddenSizes: [32, 32] },
};

export const DATA: Dataset = makeToyData({ n: 64, seed: 3 });

/** A redis-server for the file's tests, started before and stopped after them. */
export function useRedisServer(): { readonly server: () => RedisServer } {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return { server: () => server! };
}

/** `count` workers in this process on backend-matrix (one job each at a time), closed by the caller. */
export async function startWorkers(
  url: string,
  count: number,
  options: Partial<QueueWorkerOptions> = {},
): Promise<QueueWorker[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      startQueueWorker({
        queue: url,
        backend: matrixBackend,
        lockMs: 5_000,
        checkpointEvery: 5,
        checkpointSeconds: 0,
        ...options,
      }),
    ),
  );
}

/** What withQueue starts besides the URL: worker and runner options. */
export interface QueueSetup {
  readonly workers?: Partial<QueueWorkerOptions>;
  readonly runner?: Partial<QueueRunnerOptions>;
}

/**
 * Runs `body` with `count` workers (as startWorkers) and a runner connected to `url`, and closes
 * the runner and then the workers whatever `body` did: every queue test's setup and teardown.
 */
export async function withQueue<T>(
  url: string,
  count: number,
  body: (runner: QueueJobRunner, workers: readonly QueueWorker[]) => Promise<T>,
  setup: QueueSetup = {},
): Promise<T> {
  const workers = await startWorkers(url, count, setup.workers);
  const runner = await connectQueueRunner({ queue: url, ...setup.runner });
  try {
    return await body(runner, workers);
  } finally {
    await runner.close();
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

/** A model's contents without its training time: what must be the same bytes, with or without a queue. */
async function modelBytes(ensemble: Ensemble): Promise<string> {
  const { training, ...model } = await ensemble.toModel();
  const { trainSeconds: _seconds, ...report } = training!;
  return JSON.stringify({ ...model, training: report }, (_key, value) =>
    ArrayBuffer.isView(value) ? Array.from(value as Float32Array) : value,
  );
}

/** The model `spec` trains to on DATA, here or through `queue`. */
export async function trainedModel(
  spec: EnsembleSpecInput,
  queue?: JobRunner,
  membersPerJob?: number,
): Promise<string> {
  const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
  try {
    await ensemble.fit(DATA, queue ? { queue, ...(membersPerJob ? { membersPerJob } : {}) } : {});
    return await modelBytes(ensemble);
  } finally {
    await ensemble.dispose();
  }
}

/** The models of a sweep (core's fitSweep) over `specs` on DATA, here or through `queue`. */
export async function sweptModels(specs: readonly EnsembleSpecInput[], queue?: JobRunner): Promise<string[]> {
  const runs = await fitSweep(specs, DATA, { backend: matrixBackend, ...(queue ? { queue } : {}) });
  try {
    return await Promise.all(runs.map((run) => modelBytes(run.ensemble)));
  } finally {
    await Promise.all(runs.map((run) => run.ensemble.dispose()));
  }
}

/** Resolves once some job has stored a checkpoint in the Redis at `url`: a run is then mid-job. */
export async function checkpointStored(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    while ((await redis.keys("rpf:checkpoint:*")).length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    redis.disconnect();
  }
}
