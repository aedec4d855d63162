import { InvalidArgumentError, type JobRunner } from "@rpf/core";
import type { Command } from "commander";
import { defineOption } from "../option-definition.js";
import { integerAtLeast } from "../option-parsers.js";

/** The options `--queue` adds to a training command. */
export interface QueueCliOptions {
  queue?: string;
  membersPerJob: number;
  queueTimeout: number;
}

/** A runner on the queue, with its connections to close. */
export interface OpenedQueue {
  readonly runner: JobRunner;
  readonly address: string;
  close(): Promise<void>;
}

/** Adds --queue, --members-per-job and --queue-timeout to `command`. */
export function defineQueueOptions(command: Command): void {
  command
    .addOption(
      defineOption(
        "--queue <url>",
        "train on the workers serving this queue (redis://HOST:PORT; start them with `rpf worker`): same model, bit for bit",
        { unset: "train here" },
      ),
    )
    .addOption(
      defineOption("--members-per-job <k>", "members in each job sent to the queue", {
        parse: integerAtLeast(1),
        default: "1",
      }),
    )
    .addOption(
      defineOption("--queue-timeout <s>", "seconds to wait while no worker serves the queue before giving up", {
        parse: integerAtLeast(1),
        default: "60",
      }),
    );
}

/**
 * Connects to the queue --queue names, after refusing the options a queue cannot honour (each
 * named by its flag): nothing is loaded or trained before the queue is known to answer.
 * @throws {InvalidArgumentError} for a malformed URL or a flag that cannot go with --queue.
 * @throws {QueueUnavailableError} (exit 1) when nothing answers at the URL.
 */
export async function openQueue(
  options: QueueCliOptions,
  conflicts: readonly (readonly [flag: string, given: boolean, why: string])[],
): Promise<OpenedQueue | null> {
  if (options.queue === undefined) return null;
  const conflict = conflicts.find(([, given]) => given);
  if (conflict) {
    throw new InvalidArgumentError(`--queue cannot go with ${conflict[0]}: ${conflict[2]}`, { field: "queue" });
  }
  const { connectQueueRunner } = await import("@rpf/queue");
  const runner = await connectQueueRunner({ queue: options.queue, noWorkersTimeoutMs: options.queueTimeout * 1000 });
  return { runner, address: runner.address, close: () => runner.close() };
}
