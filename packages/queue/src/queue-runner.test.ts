import { AbortedError, datasetDigest, encodeDataset, JobFailedError, planMemberJobs } from "@rpf/core";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { NoWorkersError, QueueUnavailableError } from "./errors.js";
import {
  checkpointStored,
  DATA,
  NO_REDIS,
  SLOW,
  sweptModels,
  TINY,
  trainedModel,
  useRedisServer,
  withQueue,
} from "./queue.fixture.js";

describe.skipIf(NO_REDIS !== null)(
  `the BullMQ runner on a real redis-server${NO_REDIS ? ` (skipped: ${NO_REDIS})` : ""}`,
  () => {
    const redis = useRedisServer();

    it("a 32-member ensemble through 2 workers is the same model, byte for byte, as a local fit", async () => {
      const spec = { ...TINY, members: 32, epochs: 12, seed: 5 };
      const local = await trainedModel(spec);
      await withQueue(redis.server().url, 2, async (runner) => {
        expect(await trainedModel(spec, runner, 3)).toBe(local);
      });
    });

    it("a sweep of 5 β × 3 seeds (fitSweep) through 2 workers gives each candidate's local bytes", async () => {
      const candidates = [0, 1, 3, 10, 30].flatMap((priorScale) =>
        [0, 1, 2].map((seed) => ({ ...TINY, members: 2, epochs: 8, priorScale, seed })),
      );
      const local = await sweptModels(candidates);
      await withQueue(redis.server().url, 2, async (runner) => {
        const queued = await sweptModels(candidates, runner);
        expect(queued).toEqual(local);
        expect(new Set(queued).size).toBe(candidates.length);
      });
    });

    it("relays every job's progress to the caller, up to each job's last epoch", async () => {
      const digest = await datasetDigest(encodeDataset(DATA));
      const jobs = planMemberJobs({ ...TINY, seed: 11 } as never, digest, { epochs: 20, membersPerJob: 2 });
      const seen = new Map<string, number>();
      await withQueue(redis.server().url, 1, async (runner) => {
        await runner.run(jobs, DATA, {
          onProgress: (p) => seen.set(p.jobId, Math.max(seen.get(p.jobId) ?? 0, p.epoch)),
        });
      });
      expect([...seen.keys()].sort()).toEqual(jobs.map((job) => job.id).sort());
      expect([...seen.values()]).toEqual(jobs.map(() => 20));
    });

    it("two runs of the same jobs at once share them: each hears their progress and gets every result", async () => {
      const digest = await datasetDigest(encodeDataset(DATA));
      // Jobs long enough (SLOW) that both runs wait for them before any ends.
      const jobs = planMemberJobs({ ...SLOW, seed: 15 } as never, digest, { epochs: 300, membersPerJob: 2 });
      const last = [new Map<string, number>(), new Map<string, number>()];
      const [first, second] = await withQueue(redis.server().url, 1, (runner) =>
        Promise.all(
          last.map((seen) =>
            runner.run(jobs, DATA, { onProgress: (p) => seen.set(p.jobId, Math.max(seen.get(p.jobId) ?? 0, p.epoch)) }),
          ),
        ),
      );
      expect(first!.map((result) => result.jobId)).toEqual(jobs.map((job) => job.id));
      expect(second).toEqual(first);
      for (const seen of last) expect([...seen.values()]).toEqual(jobs.map(() => 300));
    });

    it("a job that keeps failing ends the run with a JobFailedError naming it, after its attempts", async () => {
      let tries = 0;
      const digest = await datasetDigest(encodeDataset(DATA));
      const [job] = planMemberJobs({ ...TINY, seed: 12 } as never, digest, { epochs: 3, membersPerJob: 4 });
      const failure = await withQueue(
        redis.server().url,
        1,
        (runner) => runner.run([job!], DATA, {}).catch((error: unknown) => error),
        {
          workers: {
            runJob: async () => {
              tries += 1;
              throw new Error("the disk is full");
            },
          },
          runner: { attempts: 2, retryDelayMs: 50 },
        },
      );
      expect(JobFailedError.isInstance(failure)).toBe(true);
      expect((failure as JobFailedError).details.job).toBe(job!.id);
      expect((failure as Error).message).toContain(job!.id);
      expect((failure as Error).message).toContain("after 2 attempts: the disk is full");
      expect(tries).toBe(2);
    });

    it("a queue no worker serves fails with NoWorkersError after the timeout", async () => {
      const digest = await datasetDigest(encodeDataset(DATA));
      const jobs = planMemberJobs({ ...TINY, seed: 13 } as never, digest, { epochs: 3 });
      const started = Date.now();
      const failure = await withQueue(
        redis.server().url,
        0,
        (runner) => runner.run(jobs, DATA, {}).catch((error: unknown) => error),
        { runner: { noWorkersTimeoutMs: 1_000, checkMs: 200 } },
      );
      expect(NoWorkersError.isInstance(failure)).toBe(true);
      expect((failure as Error).message).toMatch(/no worker served the queue at redis:\/\/127\.0\.0\.1:\d+ for 1 s/);
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it("an aborted run rejects with AbortedError", async () => {
      const digest = await datasetDigest(encodeDataset(DATA));
      const jobs = planMemberJobs({ ...TINY, seed: 14 } as never, digest, { epochs: 3 });
      const controller = new AbortController();
      const failure = await withQueue(redis.server().url, 0, (runner) => {
        setTimeout(() => controller.abort(), 200);
        return runner.run(jobs, DATA, { signal: controller.signal }).catch((error: unknown) => error);
      });
      expect(AbortedError.isInstance(failure)).toBe(true);
    });

    it("Redis restarting mid-run (losing everything) is survived: the data and lost jobs are sent again, same bytes", async () => {
      const spec = { ...SLOW, members: 6, seed: 21 };
      const local = await trainedModel(spec);
      const server = redis.server();
      const setup = { workers: { reconnectMs: 15_000 }, runner: { reconnectMs: 15_000, checkMs: 200 } };
      await withQueue(
        server.url,
        2,
        async (runner) => {
          const queued = trainedModel(spec, runner);
          await checkpointStored(server.url);
          await server.restart({ downMs: 300 });
          expect(await queued).toBe(local);
          // The restarted Redis started empty: the data there now was uploaded again by the run.
          const probe = new Redis(server.url);
          expect(await probe.keys("rpf:data:*")).toHaveLength(1);
          probe.disconnect();
        },
        setup,
      );
    });

    it("Redis gone for good mid-run: QueueUnavailableError once the reconnect window has passed, no result", async () => {
      const server = redis.server();
      const setup = { workers: { reconnectMs: 1_000 }, runner: { reconnectMs: 1_000, checkMs: 200 } };
      try {
        await withQueue(
          server.url,
          1,
          async (runner, workers) => {
            const queued = trainedModel({ ...SLOW, members: 4, seed: 22 }, runner);
            await checkpointStored(server.url);
            await server.stop();
            const started = Date.now();
            const failure = await queued.catch((error: unknown) => error);
            expect(QueueUnavailableError.isInstance(failure)).toBe(true);
            expect((failure as Error).message).toMatch(/^cannot reach the queue at redis:\/\/127\.0\.0\.1:\d+/);
            expect(Date.now() - started).toBeLessThan(10_000);
            expect(QueueUnavailableError.isInstance(await workers[0]!.stopped.catch((error: unknown) => error))).toBe(
              true,
            );
          },
          setup,
        );
      } finally {
        await server.restart();
      }
    });
  },
);
