import { createHash } from "node:crypto";
import { canonicalJson, type MemberJob } from "@rpf/core";

/** The BullMQ queue every rpf caller and worker on one Redis shares. */
export const QUEUE_NAME = "rpf-member-jobs";

/** Uploaded datasets (encodeDataset's bytes), by their sha256 digest. */
export const dataKey = (digest: string): string => `rpf:data:${digest}`;

/** The latest checkpoint of a running job, by its queue id. */
export const checkpointKey = (queueJobId: string): string => `rpf:checkpoint:${queueJobId}`;

/** How long uploaded data and checkpoints stay in Redis after their last use: long enough for a slow run. */
export const STORED_SECONDS = 24 * 3600;

/**
 * The job's id on the queue: the sha256 of the whole job (spec, members, epochs, data digest) as
 * canonical JSON. Two callers asking for the same work share one job and its result; a job that
 * differs in anything (even epochs) never resumes from another's checkpoint.
 */
export function queueJobId(job: MemberJob): string {
  return createHash("sha256").update(canonicalJson(job)).digest("hex");
}
