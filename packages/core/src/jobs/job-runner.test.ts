import { describe, expect, it, vi } from "vitest";
import { createDataset } from "../data/dataset.js";
import { recordingBackend } from "../ensemble/recording-backend.fixture.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import * as bytes from "./dataset-bytes.js";
import { localJobRunner } from "./job-runner.js";
import { planMemberJobs } from "./member-job.js";

vi.mock("./dataset-bytes.js", async (original) => {
  const actual = await original<typeof import("./dataset-bytes.js")>();
  return { ...actual, datasetDigest: vi.fn(actual.datasetDigest) };
});

const data = createDataset([0, 1, 2, 3, 4, 5], [1, 3, 5, 7, 9, 11]);

describe("localJobRunner", () => {
  it("hashes the data once per run, not once per job", async () => {
    const spec = resolveEnsembleSpec({ members: 6, epochs: 2, seed: 1 });
    const jobs = planMemberJobs(spec, await bytes.datasetDigest(bytes.encodeDataset(data)), {
      epochs: 2,
      membersPerJob: 2,
    });
    vi.mocked(bytes.datasetDigest).mockClear();
    const results = await localJobRunner({ backend: recordingBackend().backend, concurrency: 2 }).run(jobs, data, {});
    expect(results.map((result) => result.jobId)).toEqual(jobs.map((job) => job.id));
    expect(bytes.datasetDigest).toHaveBeenCalledTimes(1);
  });
});
