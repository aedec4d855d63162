import type { MemberJobCheckpoint } from "@rpf/core";
import type { Redis } from "ioredis";
import { checkpointKey, STORED_SECONDS } from "./names.js";

/**
 * A job's latest checkpoint in Redis, under its queue id: the worker that retries the job (after
 * a crash, on any machine) continues from it. Each save replaces the last in one SET, so a reader
 * sees a whole checkpoint or the previous one, never half of one.
 */
export interface CheckpointStore {
  save(checkpoint: MemberJobCheckpoint): Promise<void>;
  /** The latest checkpoint, or null when the job has none. */
  load(): Promise<MemberJobCheckpoint | null>;
  /** Forgets the checkpoint once the job's result is stored. */
  clear(): Promise<void>;
}

/** The checkpoint store of the job with queue id `queueJobId`. */
export function checkpointStore(redis: Redis, queueJobId: string): CheckpointStore {
  const key = checkpointKey(queueJobId);
  return {
    save: async (checkpoint) => {
      await redis.set(key, checkpoint, "EX", STORED_SECONDS);
    },
    load: () => redis.get(key),
    clear: async () => {
      await redis.del(key);
    },
  };
}
