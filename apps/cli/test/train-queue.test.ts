import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RedisServer, redisServerMissing, startRedisServer } from "@rpf/queue/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_PATH, expectOneLineError, listDir, runCli, tempDir } from "./run-cli.js";

const NO_REDIS = redisServerMissing();

/** The model file without the fields that differ between two identical runs (train-determinism.test.ts). */
async function reproducible(path: string): Promise<string> {
  const model = JSON.parse(await readFile(path, "utf8"));
  delete model.createdAt;
  delete model.training.trainSeconds;
  delete model.checksum;
  return JSON.stringify(model);
}

/** An `rpf worker` process and what it printed so far. */
interface WorkerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
}

async function startWorker(url: string, extra: readonly string[] = []): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [CLI_PATH, "worker", "--queue", url, ...extra], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes("worker: serving")) {
        clearInterval(check);
        resolve();
      }
    }, 50);
    child.once("exit", (code) => {
      clearInterval(check);
      reject(new Error(`rpf worker exited with ${code}: ${output}`));
    });
  });
  return { child, output: () => output };
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  await new Promise((resolve) => {
    worker.child.once("exit", resolve);
    worker.child.kill("SIGTERM");
  });
}

const TRAIN = ["train", "--quiet", "--points", "64", "--hidden", "8", "--prior-hidden", "8"];

describe.skipIf(NO_REDIS !== null)(
  `rpf worker and rpf train --queue${NO_REDIS ? ` (skipped: ${NO_REDIS})` : ""}`,
  () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("a 32-member ensemble trained by 2 worker processes is the local model, byte for byte", async () => {
      const dir = await tempDir();
      const args = [...TRAIN, "--members", "32", "--epochs", "15", "--seed", "4"];
      const local = await runCli([...args, "--out", "local.json"], dir);
      expect(local.code).toBe(0);
      const workers = [await startWorker(server.url), await startWorker(server.url)];
      try {
        const queued = await runCli(
          [...args, "--queue", server.url, "--members-per-job", "4", "--out", "queued.json"],
          dir,
        );
        expect(queued.stderr).toBe("");
        expect(queued.code).toBe(0);
        expect(await reproducible(join(dir, "queued.json"))).toBe(await reproducible(join(dir, "local.json")));
        const done = workers.map((worker) => worker.output().match(/ done in /g)?.length ?? 0);
        expect(done[0]! + done[1]!).toBe(8);
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
    });

    it("a worker killed mid-job (SIGKILL): the other resumes the job from its checkpoint, and the model is the same bytes", async () => {
      const dir = await tempDir();
      const args = [
        ...TRAIN,
        "--points",
        "400",
        "--hidden",
        "32,32",
        "--members",
        "2",
        "--epochs",
        "1500",
        "--seed",
        "9",
      ];
      const local = await runCli([...args, "--out", "local.json"], dir);
      expect(local.code).toBe(0);
      const workerArgs = ["--lock-seconds", "2", "--checkpoint-every", "20", "--checkpoint-seconds", "0"];
      const doomed = await startWorker(server.url, workerArgs);
      const survivor = await startWorker(server.url, workerArgs);
      const redis = new Redis(server.url);
      try {
        const queued = runCli([...args, "--queue", server.url, "--out", "queued.json"], dir);
        // Each worker runs one of the two jobs: once both jobs have stored a checkpoint, the first
        // worker's job has one, and it is killed mid-job.
        while ((await redis.keys("rpf:checkpoint:*")).length < 2)
          await new Promise((resolve) => setTimeout(resolve, 20));
        expect(doomed.output()).toContain("started (attempt 1)");
        doomed.child.kill("SIGKILL");
        const result = await queued;
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        expect(survivor.output()).toMatch(/started \(attempt 2, from its checkpoint\)/);
        expect(await reproducible(join(dir, "queued.json"))).toBe(await reproducible(join(dir, "local.json")));
      } finally {
        redis.disconnect();
        await Promise.all([doomed, survivor].map(stopWorker));
      }
    });

    it("--beta auto over 5 β through 2 worker processes (a sweep on the queue) chooses and saves the local model's bytes", async () => {
      const dir = await tempDir();
      const args = [...TRAIN, "--members", "2", "--epochs", "20", "--seed", "3", "--beta", "auto"];
      const sweep = ["--beta-grid", "0,1,3,10,30", "--validation", "0.25"];
      expect((await runCli([...args, ...sweep, "--out", "local.json"], dir)).code).toBe(0);
      const workers = [await startWorker(server.url), await startWorker(server.url)];
      try {
        const queued = await runCli([...args, ...sweep, "--queue", server.url, "--out", "queued.json"], dir);
        expect(queued.stderr).toBe("");
        expect(queued.code).toBe(0);
        expect(await reproducible(join(dir, "queued.json"))).toBe(await reproducible(join(dir, "local.json")));
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
    });

    it("a queue no worker serves: one line after --queue-timeout, exit 1, nothing written", async () => {
      const dir = await tempDir();
      const result = await runCli([...TRAIN, "--queue", server.url, "--queue-timeout", "1", "--out", "m.json"], dir);
      expectOneLineError(result, 1, /no worker served the queue at redis:\/\/127\.0\.0\.1:\d+ for 1 s/);
      expect(await listDir(dir)).toEqual([]);
    });
  },
);

describe("a wrong queue URL", () => {
  it("nothing listening there: one line, exit 1, nothing written", async () => {
    const dir = await tempDir();
    const result = await runCli([...TRAIN, "--queue", "redis://127.0.0.1:1", "--out", "m.json"], dir);
    expectOneLineError(result, 1, /cannot reach the queue at redis:\/\/127\.0\.0\.1:1/);
    expect(await listDir(dir)).toEqual([]);
  });

  it("not a Redis URL: a usage error, exit 2, nothing written", async () => {
    const dir = await tempDir();
    const result = await runCli([...TRAIN, "--queue", "localhost:6379", "--out", "m.json"], dir);
    expectOneLineError(result, 2, /accepted: redis:\/\/HOST:PORT/);
    expect(await listDir(dir)).toEqual([]);
  });

  it("--queue with --patience: a usage error naming both, before any connection", async () => {
    const dir = await tempDir();
    const result = await runCli(
      [...TRAIN, "--queue", "redis://127.0.0.1:1", "--validation", "0.2", "--patience", "5", "--out", "m.json"],
      dir,
    );
    expectOneLineError(result, 2, /--queue cannot go with --patience/);
  });

  it("rpf worker with nothing listening: one line, exit 1", async () => {
    const dir = await tempDir();
    expectOneLineError(await runCli(["worker", "--queue", "redis://127.0.0.1:1"], dir), 1, /cannot reach the queue/);
  });

  it("rpf worker --checkpoint-seconds below 0 or not a number: a usage error, exit 2", async () => {
    const dir = await tempDir();
    for (const seconds of ["-1", "soon"]) {
      const result = await runCli(["worker", "--queue", "redis://127.0.0.1:1", "--checkpoint-seconds", seconds], dir);
      expectOneLineError(result, 2, /--checkpoint-seconds.*expected a finite number >= 0/);
    }
  });
});
