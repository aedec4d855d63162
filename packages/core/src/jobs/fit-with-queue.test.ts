import { describe, expect, it } from "vitest";
import type { Backend } from "../backend/contract.js";
import { createDataset } from "../data/dataset.js";
import { Ensemble } from "../ensemble/ensemble.js";
import { recordingBackend } from "../ensemble/recording-backend.fixture.js";
import { AbortedError, DivergenceError, InvalidArgumentError, JobFailedError } from "../errors.js";
import type { TrainingCheckpoint } from "../io/checkpoint.js";
import { decodeCheckpoint } from "../io/checkpoint-file.js";
import { datasetDigest, encodeDataset } from "./dataset-bytes.js";
import { type JobRunner, localJobRunner } from "./job-runner.js";
import { planMemberJobs } from "./member-job.js";
import { runMemberJob } from "./run-member-job.js";

/*
 * What Ensemble.fit does with a queue, and what it refuses, on a backend that computes nothing
 * real (recording-backend.fixture.ts); the bit-identity of real training is held in backend-matrix
 * (jobs-bit-identity.test.ts).
 */
const data = createDataset([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 11]);
const SPEC = { members: 4, epochs: 5, seed: 2 };

async function fresh(backend: Backend = recordingBackend().backend): Promise<Ensemble> {
  return Ensemble.create(SPEC, { backend });
}

async function jobsOf(membersPerJob: number) {
  const ensemble = await fresh();
  return planMemberJobs(ensemble.spec, await datasetDigest(encodeDataset(data)), { epochs: 5, membersPerJob });
}

/** A backend whose member (global index) `bad` has a non-finite loss from epoch 2 on. */
function divergingAt(bad: number): Backend {
  const { backend } = recordingBackend();
  return {
    ...backend,
    async createEnsemble(init, options) {
      const handle = await backend.createEnsemble(init, options);
      const local = bad - (init.memberOffset ?? 0);
      let done = 0;
      return {
        ...handle,
        async trainEpochs(epochs) {
          const losses = await handle.trainEpochs(epochs);
          for (let e = 0; e < epochs; e++)
            if (done + e >= 1 && local >= 0 && local < init.spec.members)
              losses[e * init.spec.members + local] = Number.NaN;
          done += epochs;
          return losses;
        },
      };
    },
  };
}

describe("Ensemble.fit with a queue", () => {
  it("trains every member through the jobs and records the run as a fit does", async () => {
    const ensemble = await fresh();
    const history = await ensemble.fit(data, {
      queue: localJobRunner({ backend: recordingBackend().backend }),
      membersPerJob: 3,
    });
    const local = await fresh();
    const localHistory = await local.fit(data);
    expect(history.loss).toEqual(localHistory.loss);
    expect(history.finalLosses).toEqual(localHistory.finalLosses);
    expect({ ...ensemble.training!, trainSeconds: 0 }).toEqual({ ...local.training!, trainSeconds: 0 });
    expect(ensemble.lossHistory).toEqual(local.lossHistory);
  });

  it("refuses what cannot be split into independent jobs, naming the option", async () => {
    const queue = localJobRunner();
    const ensemble = await fresh();
    const refusals: [Parameters<Ensemble["fit"]>[1], string][] = [
      [{ queue, validation: { fraction: 0.3, patience: 5 } }, "validation.patience"],
      [{ queue, checkpoint: { every: 2, save: () => undefined } }, "checkpoint"],
      [{ membersPerJob: 2 }, "membersPerJob"],
    ];
    for (const [options, field] of refusals) {
      const error = await ensemble.fit(data, options).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error), field).toBe(true);
      expect((error as InvalidArgumentError).details.field).toBe(field);
    }
    const perMember = { ...data, yByMember: new Float32Array(4 * 6) };
    await expect(ensemble.fit(perMember, { queue })).rejects.toThrow(/shared targets only/);
    // Trained already: the jobs would start from the drawn parameters, not from these.
    await ensemble.fit(data, { epochs: 1 });
    await expect(ensemble.fit(data, { queue })).rejects.toThrow(/trains a new ensemble/);
  });

  it("refuses a resumed run", async () => {
    const saved: TrainingCheckpoint[] = [];
    const first = await fresh();
    await first.fit(data, { checkpoint: { every: 2, save: (c) => void saved.push(c) } });
    const resumed = await Ensemble.fromCheckpoint(saved[0]!, { backend: recordingBackend().backend });
    await expect(resumed.fit(data, { queue: localJobRunner() })).rejects.toThrow(/cannot finish a resumed run/);
  });

  it("a job that keeps failing ends the run with JobFailedError naming it; the ensemble stays untrained", async () => {
    const ensemble = await fresh();
    const error = await ensemble
      .fit(data, { queue: localJobRunner({ backend: divergingAt(2), concurrency: 2 }), membersPerJob: 1 })
      .catch((e: unknown) => e);
    expect(JobFailedError.isInstance(error)).toBe(true);
    const jobs = await jobsOf(1);
    expect((error as JobFailedError).job).toBe(jobs[2]!.id);
    // The cause names the member by its index in the whole ensemble.
    expect(DivergenceError.isInstance((error as Error).cause)).toBe(true);
    expect(((error as Error).cause as DivergenceError).member).toBe(2);
    expect(ensemble.training).toBeNull();
    expect(ensemble.lossHistory).toHaveLength(0);
  });

  it("refuses a runner's result that is missing or another job's, naming the job", async () => {
    const real = localJobRunner({ backend: recordingBackend().backend });
    const swapped: JobRunner = { run: async (jobs, d, o) => (await real.run(jobs, d, o)).reverse() };
    const short: JobRunner = { run: async (jobs, d, o) => (await real.run(jobs, d, o)).slice(1) };
    const jobs = await jobsOf(2);
    await expect((await fresh()).fit(data, { queue: swapped, membersPerJob: 2 })).rejects.toThrow(
      `the runner returned the result of job ${jobs[1]!.id} for job ${jobs[0]!.id}`,
    );
    await expect((await fresh()).fit(data, { queue: short, membersPerJob: 2 })).rejects.toThrow(JobFailedError);
  });

  it("stops with AbortedError when the signal fires", async () => {
    const controller = new AbortController();
    const ensemble = await fresh();
    const fitting = ensemble.fit(data, {
      queue: localJobRunner({ backend: recordingBackend().backend }),
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(fitting).rejects.toSatisfy(AbortedError.isInstance);
    expect(ensemble.training).toBeNull();
  });
});

describe("runMemberJob", () => {
  it("refuses data that is not the job's, and a checkpoint of another job", async () => {
    const [first, second] = await jobsOf(2);
    const backend = recordingBackend().backend;
    const other = createDataset([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 12]);
    await expect(runMemberJob(first!, other, { backend })).rejects.toThrow(/is not job .* run the job on the data/);
    const saved: string[] = [];
    await runMemberJob(first!, data, { backend, checkpoint: { every: 2, save: (c) => void saved.push(c) } });
    expect(saved).toHaveLength(2);
    await expect(runMemberJob(second!, data, { backend, resumeFrom: saved[0]! })).rejects.toThrow(
      `the checkpoint belongs to job "${first!.id}", not to job ${second!.id}`,
    );
    await expect(
      runMemberJob(first!, data, { backend, checkpoint: { every: 0, save: () => undefined } }),
    ).rejects.toThrow(/checkpoint.every must be a whole number >= 1/);
  });

  it("hands the backend the group's size, its global offset and the members' own weights", async () => {
    const { backend, calls } = recordingBackend();
    const [, second] = await jobsOf(2);
    const result = await runMemberJob(second!, data, { backend });
    expect(calls.init).toMatchObject({ memberOffset: 2, spec: { members: 2 } });
    expect(calls.prepared[0]!.exampleWeights).toHaveLength(2 * 6);
    expect(result.jobId).toBe(second!.id);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("checkpoint.minSeconds: saves at most once per interval, only at multiples of every", async () => {
    const backend = recordingBackend().backend;
    const [job] = planMemberJobs((await fresh()).spec, await datasetDigest(encodeDataset(data)), { epochs: 60 });
    // Each epoch's awaited report takes 4 ms: the job lasts about 240 ms, and every second epoch is a boundary.
    const slowly = { progressEvery: 1, onProgress: () => new Promise((resolve) => setTimeout(resolve, 4)) };
    const saves: { epoch: number; began: number; ended: number }[] = [];
    const save = async (text: string) => {
      const began = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
      saves.push({ epoch: decodeCheckpoint(text).state.epoch, began, ended: performance.now() });
    };
    await runMemberJob(job!, data, { backend, ...slowly, checkpoint: { every: 2, minSeconds: 0.03, save } });
    expect(saves.length).toBeGreaterThan(0);
    expect(saves.length).toBeLessThan(29);
    for (const [i, { epoch, began }] of saves.entries()) {
      expect(epoch % 2).toBe(0);
      if (i > 0) expect(began - saves[i - 1]!.ended).toBeGreaterThanOrEqual(30);
    }
    // The default (0) saves at every boundary; a long interval saves nothing in a short job.
    saves.length = 0;
    await runMemberJob(job!, data, { backend, checkpoint: { every: 2, save } });
    expect(saves.map((s) => s.epoch)).toEqual(Array.from({ length: 29 }, (_, i) => 2 * (i + 1)));
    saves.length = 0;
    await runMemberJob(job!, data, { backend, ...slowly, checkpoint: { every: 2, minSeconds: 3600, save } });
    expect(saves).toEqual([]);
    for (const minSeconds of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      await expect(runMemberJob(job!, data, { backend, checkpoint: { every: 2, minSeconds, save } })).rejects.toThrow(
        "checkpoint.minSeconds must be a finite number >= 0",
      );
  });

  it("options.dataDigest stands for hashing the data: checked against the job's, the data not hashed again", async () => {
    const [job] = await jobsOf(4);
    const backend = recordingBackend().backend;
    const other = createDataset([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 12]);
    // A caller that vouches for the digest is trusted: the bytes are not hashed again.
    await expect(runMemberJob(job!, other, { backend, dataDigest: job!.dataDigest })).resolves.toMatchObject({
      jobId: job!.id,
    });
    await expect(runMemberJob(job!, data, { backend, dataDigest: "0".repeat(64) })).rejects.toThrow(
      /is not job .* run the job on the data/,
    );
  });
});
