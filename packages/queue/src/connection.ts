import { InvalidArgumentError } from "@rpf/core";
import { Redis } from "ioredis";
import { QueueUnavailableError } from "./errors.js";

/** How long a lost connection may take to come back (Redis restarting) before the run gives up. */
export const DEFAULT_RECONNECT_MS = 10_000;

/** A queue URL checked for its form: redis:// or rediss:// (TLS), a host, an optional port and database. */
export interface QueueAddress {
  readonly url: string;
  /** The URL with any password replaced by ***, for messages and logs. */
  readonly shown: string;
}

/**
 * Checks the form of a queue URL (not whether anything listens there).
 * @throws {InvalidArgumentError} (details.field "queue") when it is not redis://[user:pass@]host[:port][/db]
 *   or rediss://…
 */
export function parseQueueUrl(url: string): QueueAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new InvalidArgumentError(
      `the queue URL '${url}' is not a URL; accepted: redis://HOST:PORT or rediss://HOST:PORT`,
      { field: "queue", accepted: "redis://HOST:PORT, rediss://HOST:PORT" },
      error,
    );
  }
  const db = parsed.pathname.replace(/^\//, "");
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || !parsed.hostname || !/^\d*$/.test(db)) {
    throw new InvalidArgumentError(
      `the queue URL '${url}' is not a Redis URL; accepted: redis://HOST:PORT[/DB] or rediss://HOST:PORT[/DB]`,
      { field: "queue", accepted: "redis://HOST:PORT, rediss://HOST:PORT" },
    );
  }
  if (parsed.password) parsed.password = "***";
  return { url, shown: parsed.toString().replace(/\/$/, "") };
}

/**
 * A Redis connection for BullMQ with bounded patience: the first connection is tried once (a wrong
 * URL fails at once), and a connection lost later is retried for `reconnectMs`, after which every
 * pending and new command fails instead of waiting forever. Commands wait while it reconnects
 * (maxRetriesPerRequest null, which BullMQ's blocking connections require).
 */
export function openRedis(address: QueueAddress, reconnectMs = DEFAULT_RECONNECT_MS): Redis {
  let lostAt: number | null = null;
  let everReady = false;
  const redis = new Redis(address.url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: () => {
      if (!everReady) return null;
      lostAt ??= Date.now();
      return Date.now() - lostAt > reconnectMs ? null : 200;
    },
  });
  redis.on("ready", () => {
    everReady = true;
    lostAt = null;
  });
  // Errors surface through the commands that fail; without a listener ioredis would print each one.
  redis.on("error", () => {});
  return redis;
}

/**
 * Connects `redis` and checks it answers.
 * @throws {QueueUnavailableError} naming the URL when nothing answers there.
 */
export async function connectRedis(redis: Redis, address: QueueAddress): Promise<void> {
  try {
    if (redis.status === "wait") await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw unreachable(address, error);
  }
}

/** The error for a queue that cannot be reached (now or any more), with the connection's error as its cause. */
export function unreachable(address: QueueAddress, cause: unknown): QueueUnavailableError {
  const reason = cause instanceof Error && cause.message ? `: ${cause.message}` : "";
  return new QueueUnavailableError(
    `cannot reach the queue at ${address.shown}${reason}; is redis-server running there?`,
    { field: "queue", where: address.shown },
    cause,
  );
}
