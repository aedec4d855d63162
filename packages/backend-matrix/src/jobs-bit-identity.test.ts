import {
  type Backend,
  type Dataset,
  datasetDigest,
  Ensemble,
  type EnsembleSpecInput,
  encodeDataset,
  encodeModel,
  fitSweep,
  JobFailedError,
  type JobRunner,
  localJobRunner,
  type MemberJobCheckpoint,
  type MemberJobCheckpointOptions,
  type MemberJobResult,
  makeToyData,
  planMemberJobs,
  type RunMemberJobOptions,
  resolveEnsembleSpec,
  runMemberJob,
  searchGrid,
} from "@rpf/core";
import { describe, expect, it } from "vitest";
import { matrixBackend } from "./index.js";
import { createParallelMatrixBackend } from "./node.js";

/*
 * Jobs give the same bytes as a local run (docs/jobs.md): the "a sweep (β ∈ 5 values × 3
 * seeds) and a 32-member ensemble through 2 workers give the same bytes as local runs". The
 * minibatches (batchSize < n) make each member's order depend on its global index, so a job that
 * lost its member offset would train other orders.
 */
const SPEC: EnsembleSpecInput = {
  members: 32,
  seed: 21,
  trainable: { hiddenSizes: [8] },
  prior: { hiddenSizes: [8] },
  epochs: 6,
  batchSize: 7,
  standardize: "xy",
};
const DATA: Dataset = makeToyData({ seed: 4, n: 20 });

/** The model file's text, its wall-time field zeroed: the bytes a reproducible run must repeat. */
async function modelBytes(ensemble: Ensemble): Promise<string> {
  const model = await ensemble.toModel();
  return encodeModel(
    { ...model, training: model.training && { ...model.training, trainSeconds: 0 } },
    { createdAt: "2026-01-01T00:00:00Z" },
  );
}

async function localModel(spec: EnsembleSpecInput = SPEC): Promise<Ensemble> {
  const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
  await ensemble.fit(DATA);
  return ensemble;
}

/**
 * Job `index` of the SPEC's plan over `epochs` (4 members a job), run once straight and once with
 * `options` saving its checkpoints; expectEachResumesStraight resumes from each saved checkpoint
 * and expects the straight run's result (its wall seconds aside).
 */
async function checkpointedJob(
  epochs: number,
  index: number,
  options: Omit<RunMemberJobOptions, "checkpoint"> & { checkpoint: Omit<MemberJobCheckpointOptions, "save"> },
) {
  const jobs = planMemberJobs(resolveEnsembleSpec(SPEC), await datasetDigest(encodeDataset(DATA)), {
    epochs,
    membersPerJob: 4,
  });
  const job = jobs[index]!;
  const straight = await runMemberJob(job, DATA, { backend: matrixBackend });
  const saved: MemberJobCheckpoint[] = [];
  await runMemberJob(job, DATA, {
    ...options,
    backend: matrixBackend,
    checkpoint: { ...options.checkpoint, save: (c) => void saved.push(c) },
  });
  const expectEachResumesStraight = async () => {
    for (const checkpoint of saved) {
      const resumed = await runMemberJob(job, DATA, { backend: matrixBackend, resumeFrom: checkpoint });
      expect({ ...resumed, seconds: 0 }).toEqual({ ...straight, seconds: 0 });
    }
  };
  return { saved, expectEachResumesStraight };
}

async function queuedModel(queue: JobRunner, membersPerJob?: number, spec: EnsembleSpecInput = SPEC) {
  const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
  await ensemble.fit(DATA, { queue, ...(membersPerJob === undefined ? {} : { membersPerJob }) });
  return ensemble;
}

/** Runs the jobs one at a time in the order `order` gives (indices into jobs), results in job order. */
function orderedRunner(order: (count: number) => number[], backend: Backend = matrixBackend): JobRunner {
  return {
    async run(jobs, data) {
      const results: MemberJobResult[] = new Array(jobs.length);
      for (const i of order(jobs.length)) results[i] = await runMemberJob(jobs[i]!, data, { backend });
      return results;
    },
  };
}

describe("an ensemble trained through jobs", () => {
  it("a 32-member ensemble gives the local model's bytes with 1, 3 or 32 members per job", async () => {
    const local = await localModel();
    const expected = await modelBytes(local);
    for (const membersPerJob of [1, 3, 32]) {
      const queued = await queuedModel(localJobRunner({ backend: matrixBackend, concurrency: 2 }), membersPerJob);
      expect(await modelBytes(queued), `membersPerJob ${membersPerJob}`).toBe(expected);
      expect(queued.lossHistory).toEqual(local.lossHistory);
      await queued.dispose();
    }
    await local.dispose();
  });

  it("continues training from the jobs' optimiser state: a second fit or an update equals the local one's", async () => {
    const local = await localModel();
    const queued = await queuedModel(localJobRunner({ backend: matrixBackend }), 5);
    await local.fit(DATA, { epochs: 3 });
    await queued.fit(DATA, { epochs: 3 });
    expect(await modelBytes(queued)).toBe(await modelBytes(local));
    // And an update appends to the rows the jobs trained on, as to a local fit's.
    const more = makeToyData({ seed: 9, n: 5 });
    const localAfterUpdate = await localModel();
    const queuedAfterUpdate = await queuedModel(localJobRunner({ backend: matrixBackend }), 7);
    await localAfterUpdate.update(more, { epochs: 2 });
    await queuedAfterUpdate.update(more, { epochs: 2 });
    expect(await modelBytes(queuedAfterUpdate)).toBe(await modelBytes(localAfterUpdate));
  });

  it("gives the same bytes whatever order the jobs run in, and on a worker-thread backend", async () => {
    const expected = await modelBytes(await localModel());
    const reversed = orderedRunner((count) => Array.from({ length: count }, (_, i) => count - 1 - i));
    const shuffled = orderedRunner((count) => Array.from({ length: count }, (_, i) => (i * 7 + 3) % count));
    expect(await modelBytes(await queuedModel(reversed, 3))).toBe(expected);
    expect(await modelBytes(await queuedModel(shuffled, 1))).toBe(expected);
    // 16 members on 3 threads: the threads' groups start at the job's offset, not at 0.
    const threaded = localJobRunner({ backend: createParallelMatrixBackend(3) });
    expect(await modelBytes(await queuedModel(threaded, 16))).toBe(expected);
  }, 60_000);

  it("differs from the local model when a backend ignores the member offset (the test can fail)", async () => {
    const expected = await modelBytes(await localModel());
    const offsetLost: Backend = {
      ...matrixBackend,
      createEnsemble: (init, options) => matrixBackend.createEnsemble({ ...init, memberOffset: 0 }, options),
    };
    const broken = await queuedModel(localJobRunner({ backend: offsetLost }), 4);
    expect(await modelBytes(broken)).not.toBe(expected);
  });

  it("a job resumed from its checkpoint returns the uninterrupted job's result, and so does a retried run", async () => {
    const { saved, expectEachResumesStraight } = await checkpointedJob(6, 2, { checkpoint: { every: 2 } });
    expect(saved).toHaveLength(2);
    await expectEachResumesStraight();
    // A worker that dies after its first checkpoint: the retry starts from it, and the model is the local one.
    const store = new Map<string, MemberJobCheckpoint>();
    const crashed = new Set<string>();
    const crashing: JobRunner = {
      async run(runJobs, data) {
        const results: MemberJobResult[] = [];
        for (const each of runJobs) {
          const attempt = () =>
            runMemberJob(each, data, {
              backend: matrixBackend,
              ...(store.has(each.id) ? { resumeFrom: store.get(each.id)! } : {}),
              checkpoint: {
                every: 3,
                save: (checkpoint) => {
                  store.set(each.id, checkpoint);
                  if (!crashed.has(each.id)) {
                    crashed.add(each.id);
                    throw new Error("worker killed");
                  }
                },
              },
            });
          results.push(await attempt().catch(attempt));
        }
        return results;
      },
    };
    expect(await modelBytes(await queuedModel(crashing, 8))).toBe(await modelBytes(await localModel()));
    expect(crashed.size).toBe(4);
  });

  it("a job resumed from a checkpoint saved on a time bound (checkpoint.minSeconds) returns the uninterrupted result", async () => {
    const { saved, expectEachResumesStraight } = await checkpointedJob(40, 1, {
      // Reports that take 3 ms each make the job last about 120 ms, so a 20 ms bound skips boundaries.
      progressEvery: 1,
      onProgress: () => new Promise((resolve) => setTimeout(resolve, 3)),
      checkpoint: { every: 2, minSeconds: 0.02 },
    });
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(19);
    await expectEachResumesStraight();
  });

  it("a job that throws ends the run with JobFailedError naming it", async () => {
    const failing: Backend = {
      ...matrixBackend,
      async createEnsemble(init, options) {
        if (init.memberOffset === 6) throw new Error("out of memory");
        return matrixBackend.createEnsemble(init, options);
      },
    };
    const ensemble = await Ensemble.create(SPEC, { backend: matrixBackend });
    const failure = await ensemble
      .fit(DATA, { queue: localJobRunner({ backend: failing }), membersPerJob: 3 })
      .catch((error: unknown) => error);
    expect(JobFailedError.isInstance(failure)).toBe(true);
    expect((failure as JobFailedError).job).toMatch(/\.m6\+3$/);
    expect((failure as Error).message).toMatch(/job .*\.m6\+3 failed: out of memory/);
    expect(ensemble.training).toBeNull();
  });

  it("reports the jobs' progress combined, up to the whole target", async () => {
    const seen: { epoch: number; targetEpoch: number; losses: number }[] = [];
    const ensemble = await Ensemble.create(SPEC, { backend: matrixBackend });
    await ensemble.fit(DATA, {
      queue: localJobRunner({ backend: matrixBackend }),
      membersPerJob: 16,
      onProgress: (p) => void seen.push({ epoch: p.epoch, targetEpoch: p.targetEpoch, losses: p.memberLosses.length }),
    });
    expect(seen.every((p) => p.targetEpoch === 6)).toBe(true);
    expect(seen.at(-1)).toEqual({ epoch: 6, targetEpoch: 6, losses: 32 });
    // The first job alone has reported: half the members, halfway at most.
    expect(seen[0]!.losses).toBe(16);
    expect(seen.every((p) => p.losses === 32 || p.epoch <= 3)).toBe(true);
  });
});

describe("a sweep through jobs", () => {
  it("β ∈ 5 values × 3 seeds through a 2-lane runner gives each local model's bytes", async () => {
    const specs = [0, 0.3, 1, 3, 10].flatMap((priorScale) =>
      [1, 2, 3].map((seed) => ({ ...SPEC, members: 4, epochs: 4, priorScale, seed })),
    );
    const local = await fitSweep(specs, DATA, { backend: matrixBackend });
    const queued = await fitSweep(specs, DATA, {
      backend: matrixBackend,
      queue: localJobRunner({ backend: matrixBackend, concurrency: 2 }),
      membersPerJob: 3,
    });
    const localBytes = await Promise.all(local.map((run) => modelBytes(run.ensemble)));
    expect(await Promise.all(queued.map((run) => modelBytes(run.ensemble)))).toEqual(localBytes);
    // Fifteen different models: the sweep did not train one spec fifteen times.
    expect(new Set(localBytes).size).toBe(15);
  });
});

describe("a grid search through jobs", () => {
  it("chooses the local search's candidate and gives its model's bytes, calibration included", async () => {
    const spec = { ...SPEC, members: 4, epochs: 5 };
    const grid = { priorScale: [0, 1, 3] };
    const fit = { validation: { fraction: 0.25, calibrate: "std-scaling" as const } };
    const local = await searchGrid(spec, DATA, grid, fit, { backend: matrixBackend });
    const queued = await searchGrid(spec, DATA, grid, fit, {
      backend: matrixBackend,
      queue: localJobRunner({ backend: matrixBackend }),
      membersPerJob: 3,
    });
    expect(queued.report).toEqual(local.report);
    expect(local.ensemble.calibration).not.toBeNull();
    expect(await modelBytes(queued.ensemble)).toBe(await modelBytes(local.ensemble));
  });

  it("refuses early stopping with a queue, naming validation.patience", async () => {
    const search = searchGrid(
      { ...SPEC, members: 2 },
      DATA,
      { priorScale: [0, 1] },
      { validation: { fraction: 0.25, patience: 3 } },
      { backend: matrixBackend, queue: localJobRunner({ backend: matrixBackend }) },
    );
    await expect(search).rejects.toThrow(expect.objectContaining({ details: { field: "validation.patience" } }));
  });
});
