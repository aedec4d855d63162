import {
  type Dataset,
  datasetDigest,
  encodeDataset,
  InvalidArgumentError,
  type MemberJob,
  planMemberJobs,
  type RunMemberJobOptions,
  runMemberJob,
} from "@rpf/core";
import { describe, expect, it } from "vitest";
import { DATA, NO_REDIS, SLOW, TINY, useRedisServer, withQueue } from "./queue.fixture.js";
import { DEFAULT_CHECKPOINT_SECONDS, PROGRESS_MS, startQueueWorker } from "./worker.js";

/** What a worker handed runMemberJob, job by job. */
interface Call {
  readonly job: MemberJob;
  readonly data: Dataset;
  readonly options: RunMemberJobOptions;
  /** When the job's progress reports were made (performance.now()), what each returned, and its epoch. */
  readonly reports: { at: number; returned: unknown; epoch: number; targetEpoch: number }[];
}

/** runMemberJob, recording each call and its progress reports as the fit loop makes them. */
function recordingRunJob(calls: Call[]): typeof runMemberJob {
  return (job, data, options = {}) => {
    const call: Call = { job, data, options, reports: [] };
    calls.push(call);
    const onProgress = options.onProgress;
    return runMemberJob(job, data, {
      ...options,
      ...(onProgress
        ? {
            onProgress: (progress) => {
              const returned = onProgress(progress);
              call.reports.push({ at: performance.now(), returned, ...progress });
              return returned;
            },
          }
        : {}),
    });
  };
}

describe.skipIf(NO_REDIS !== null)(
  `a worker's hot path on a real redis-server${NO_REDIS ? ` (skipped: ${NO_REDIS})` : ""}`,
  () => {
    const redis = useRedisServer();

    it("checks a dataset's digest once (at its download) and hands it to every job; checkpoints bounded by time", async () => {
      const calls: Call[] = [];
      const digest = await datasetDigest(encodeDataset(DATA));
      const jobs = planMemberJobs({ ...TINY, seed: 31 } as never, digest, { epochs: 4, membersPerJob: 1 });
      await withQueue(redis.server().url, 1, (runner) => runner.run(jobs, DATA, {}), {
        workers: { runJob: recordingRunJob(calls), checkpointSeconds: undefined },
      });
      expect(calls.map((call) => call.job.id).sort()).toEqual(jobs.map((job) => job.id).sort());
      // One Dataset object for all jobs: fetched, hashed and decoded once.
      expect(new Set(calls.map((call) => call.data)).size).toBe(1);
      for (const call of calls) {
        expect(call.options.dataDigest).toBe(digest);
        expect(call.options.checkpoint?.minSeconds).toBe(DEFAULT_CHECKPOINT_SECONDS);
      }
    });

    it("reports progress at most once per PROGRESS_MS and always the last epoch, without training waiting for Redis", async () => {
      const calls: Call[] = [];
      const digest = await datasetDigest(encodeDataset(DATA));
      const jobs = planMemberJobs({ ...SLOW, seed: 32 } as never, digest, { epochs: 1000, membersPerJob: 2 });
      const seen = new Map<string, number>();
      await withQueue(
        redis.server().url,
        1,
        (runner) =>
          runner.run(jobs, DATA, {
            onProgress: (p) => seen.set(p.jobId, Math.max(seen.get(p.jobId) ?? 0, p.epoch)),
          }),
        { workers: { runJob: recordingRunJob(calls) } },
      );
      expect([...seen.values()]).toEqual(jobs.map(() => 1000));
      for (const { reports } of calls) {
        expect(reports.at(-1)).toMatchObject({ epoch: 1000, targetEpoch: 1000 });
        for (const report of reports) expect(report.returned).toBeUndefined();
        // Every report but the last comes PROGRESS_MS or more after the one before.
        for (let i = 1; i < reports.length - 1; i++)
          expect(reports[i]!.at - reports[i - 1]!.at).toBeGreaterThanOrEqual(PROGRESS_MS);
      }
    });

    it("refuses a checkpoint interval that is not a finite number of seconds >= 0", async () => {
      for (const checkpointSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        const failure = await startQueueWorker({ queue: redis.server().url, checkpointSeconds }).catch(
          (error: unknown) => error,
        );
        expect(InvalidArgumentError.isInstance(failure)).toBe(true);
        expect((failure as Error).message).toContain("checkpointSeconds must be a finite number >= 0");
      }
    });
  },
);
