import {
  DEFAULT_CHECKPOINT_EVERY,
  DEFAULT_CHECKPOINT_SECONDS,
  DEFAULT_LOCK_MS,
  parseQueueUrl,
  startQueueWorker,
} from "@rpf/queue";
import type { Command } from "commander";
import { registerBackendsFor } from "../backends.js";
import { defineOption } from "../option-definition.js";
import { finiteNumber, integerAtLeast } from "../option-parsers.js";

interface WorkerOptions {
  queue: string;
  concurrency: number;
  backend: string;
  checkpointEvery: number;
  checkpointSeconds: number;
  lockSeconds: number;
  quiet?: boolean;
}

/**
 * Serves the queue until SIGINT or SIGTERM (then lets running jobs finish and exits 0), or until its
 * Redis is gone for good (exit 1).
 */
async function runWorker(options: WorkerOptions): Promise<void> {
  parseQueueUrl(options.queue);
  // One worker process trains on one core: start one per core (or per machine with --concurrency).
  await registerBackendsFor(options.backend, "train", 1);
  const say = (line: string) => {
    if (!options.quiet) process.stderr.write(`worker: ${line}\n`);
  };
  const worker = await startQueueWorker({
    queue: options.queue,
    concurrency: options.concurrency,
    backend: options.backend,
    checkpointEvery: options.checkpointEvery,
    checkpointSeconds: options.checkpointSeconds,
    lockMs: options.lockSeconds * 1000,
    onEvent: (event) => {
      if (event.kind === "started")
        say(`job ${event.job} started (attempt ${event.attempt}${event.resumed ? ", from its checkpoint" : ""})`);
      else if (event.kind === "completed") say(`job ${event.job} done in ${event.seconds.toFixed(2)} s`);
      else say(`job ${event.job} failed${event.final ? "" : " (to be retried)"}: ${event.message}`);
    },
  });
  say(`serving ${options.queue} (pid ${process.pid})`);
  const stop = () => void worker.close().catch(() => {});
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await worker.stopped;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
  say("stopped");
}

/** Adds `rpf worker`'s options and action to `command`. */
export function defineWorkerCommand(command: Command): void {
  command
    .requiredOption("--queue <url>", "the queue's Redis: redis://HOST:PORT[/DB] or rediss://HOST:PORT[/DB]")
    .addOption(
      defineOption(
        "--concurrency <n>",
        "jobs this process runs at once (they share its training thread: for more cores, start more workers)",
        {
          parse: integerAtLeast(1),
          default: "1",
        },
      ),
    )
    .addOption(defineOption("--backend <name[:device]>", "compute backend, see `rpf info`", { default: "auto" }))
    .addOption(
      defineOption(
        "--checkpoint-every <n>",
        "a job's checkpoints are stored only at multiples of this many epochs (a retry resumes from the last, bit for bit)",
        {
          parse: integerAtLeast(1),
          default: String(DEFAULT_CHECKPOINT_EVERY),
        },
      ),
    )
    .addOption(
      defineOption(
        "--checkpoint-seconds <s>",
        "seconds at least between two checkpoints of a job (0: at every --checkpoint-every epochs); a killed worker's job loses about this much training",
        {
          parse: finiteNumber((v) => v >= 0, ">= 0"),
          default: String(DEFAULT_CHECKPOINT_SECONDS),
        },
      ),
    )
    .addOption(
      defineOption(
        "--lock-seconds <s>",
        "how long a job's lock lasts unrenewed: a killed worker's job goes back to the queue after about this long; keep it well above one epoch's time",
        { parse: integerAtLeast(1), default: String(DEFAULT_LOCK_MS / 1000) },
      ),
    )
    .option("-q, --quiet", "no line per job (errors still go to stderr)")
    .action((options: WorkerOptions) => runWorker(options));
}
