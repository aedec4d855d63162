import { InvalidArgumentError } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { parseQueueUrl } from "./connection.js";
import { QueueUnavailableError } from "./errors.js";
import { connectQueueRunner } from "./queue-runner.js";
import { startQueueWorker } from "./worker.js";

describe("queue URLs", () => {
  it.each(["localhost:6379", "http://localhost:6379", "redis://", "redis://host/abc", "not a url"])(
    "refuses %j, saying what is accepted",
    (url) => {
      expect(() => parseQueueUrl(url)).toThrow(InvalidArgumentError);
      expect(() => parseQueueUrl(url)).toThrow(/accepted: redis:\/\/HOST:PORT/);
    },
  );

  it("hides a password in what it shows", () => {
    expect(parseQueueUrl("redis://user:secret@example.org:6380/2").shown).toBe("redis://user:***@example.org:6380/2");
  });
});

describe("a queue that does not answer", () => {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  const nowhere = "redis://127.0.0.1:1";

  it("the runner fails at once with QueueUnavailableError naming the URL", async () => {
    const started = Date.now();
    const failure = await connectQueueRunner({ queue: nowhere }).catch((error: unknown) => error);
    expect(QueueUnavailableError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/^cannot reach the queue at redis:\/\/127\.0\.0\.1:1/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a worker fails at once the same way", async () => {
    const failure = await startQueueWorker({ queue: nowhere }).catch((error: unknown) => error);
    expect(QueueUnavailableError.isInstance(failure)).toBe(true);
  });
});
