import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors.js";
import { resolveEnsembleSpec } from "../spec/resolve.js";
import { checkMemberJob, planMemberJobs } from "./member-job.js";

const spec = resolveEnsembleSpec({ members: 32, seed: 3 });
const digest = "ab".repeat(32);

describe("planMemberJobs", () => {
  it("splits 32 members into groups of membersPerJob in member order, the last one smaller", () => {
    const jobs = planMemberJobs(spec, digest, { epochs: 10, membersPerJob: 3 });
    expect(jobs).toHaveLength(11);
    expect(jobs.map((job) => [job.firstMember, job.memberCount])).toEqual([
      ...Array.from({ length: 10 }, (_, i) => [i * 3, 3]),
      [30, 2],
    ]);
    expect(jobs.every((job) => job.epochs === 10 && job.dataDigest === digest && job.spec.members === 32)).toBe(true);
    expect(planMemberJobs(spec, digest, { epochs: 10 })).toHaveLength(32);
  });

  it("gives deterministic ids, different for each group, spec, data and epoch count", () => {
    const ids = (s = spec, d = digest, epochs = 10) =>
      planMemberJobs(s, d, { epochs, membersPerJob: 8 }).map((job) => job.id);
    expect(ids()).toEqual(ids());
    expect(new Set(ids()).size).toBe(4);
    expect(ids()[1]).toMatch(/^[0-9a-f]{16}\.abababababababab\.e10\.m8\+8$/);
    const others = [
      ids(resolveEnsembleSpec({ ...spec, seed: 4 })),
      ids(resolveEnsembleSpec({ ...spec, priorScale: spec.priorScale + 1 })),
      ids(spec, "cd".repeat(32)),
      ids(spec, digest, 11),
    ];
    for (const other of others) expect(other.some((id) => ids().includes(id))).toBe(false);
  });

  it("makes plain JSON jobs that survive a round trip and pass checkMemberJob", () => {
    for (const job of planMemberJobs(spec, digest, { epochs: 2, membersPerJob: 5 })) {
      const travelled = JSON.parse(JSON.stringify(job));
      expect(travelled).toEqual(job);
      expect(checkMemberJob(travelled)).toEqual(job);
    }
  });

  it("refuses bad epochs, group sizes and digests, naming the option", () => {
    const cases: [Parameters<typeof planMemberJobs>[2], string, string][] = [
      [{ epochs: -1 }, digest, "epochs"],
      [{ epochs: 1.5 }, digest, "epochs"],
      [{ epochs: 1, membersPerJob: 0 }, digest, "membersPerJob"],
      [{ epochs: 1, membersPerJob: 2.5 }, digest, "membersPerJob"],
      [{ epochs: 1 }, "ABAB", "dataDigest"],
    ];
    for (const [options, d, field] of cases) {
      expect(() => planMemberJobs(spec, d, options)).toThrow(InvalidArgumentError);
      expect(() => planMemberJobs(spec, d, options)).toThrow(
        expect.objectContaining({ details: expect.objectContaining({ field }) }),
      );
    }
  });

  it("checkMemberJob refuses a group outside the spec's members, and a job without an id", () => {
    const [job] = planMemberJobs(spec, digest, { epochs: 1 });
    expect(() => checkMemberJob({ ...job!, firstMember: 31, memberCount: 2 })).toThrow(InvalidArgumentError);
    expect(() => checkMemberJob({ ...job!, id: "" })).toThrow(/non-empty string id/);
    expect(() => checkMemberJob({ ...job!, epochs: -2 })).toThrow(/epochs must be a whole number/);
  });
});
