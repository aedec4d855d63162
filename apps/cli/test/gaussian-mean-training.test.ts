import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOneLineError, listDir, runCli, trainSmallModel } from "./run-cli.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rpf-cli-mean-training-"));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe("rpf train --beta-nll and --mean-warmup", () => {
  it("records the β-NLL exponent and the warm-up epochs in the model's spec", async () => {
    const model = await trainSmallModel(dir, "beta-nll.json", [
      "--head",
      "gaussian",
      "--beta-nll",
      "0.5",
      "--mean-warmup",
      "5",
    ]);
    const file = JSON.parse(await readFile(model, "utf8"));
    expect(file.spec).toMatchObject({ head: "gaussian", varianceWeighting: 0.5, meanWarmup: 5 });
  });

  it.each([
    [["--head", "gaussian", "--beta-nll", "1.5"], "--beta-nll", "[0, 1]"],
    [["--head", "gaussian", "--mean-warmup", "2.5"], "--mean-warmup", "integer"],
    [["--beta-nll", "-0.1"], "--beta-nll", "[0, 1]"],
    [["--mean-warmup", "-3"], "--mean-warmup", "integer"],
  ])("refuses %j with one line, exit 2, nothing written", async (flags, flag, accepted) => {
    const before = await listDir(dir);
    const result = await runCli(["train", "--members", "2", "--epochs", "5", ...flags, "--out", "bad.json"], dir);
    expectOneLineError(result, 2, flag, accepted);
    expect(await listDir(dir)).toEqual(before);
  });
});
