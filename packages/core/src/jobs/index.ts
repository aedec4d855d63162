export { datasetDigest, decodeDataset, encodeDataset } from "./dataset-bytes.js";
export {
  type JobRunner,
  type JobRunOptions,
  type JobRunProgress,
  type LocalJobRunnerOptions,
  localJobRunner,
} from "./job-runner.js";
export type { EncodedTrainingState } from "./job-state.js";
export {
  checkMemberJob,
  type MemberJob,
  type MemberJobCheckpoint,
  type MemberJobProgress,
  type MemberJobResult,
  type PlanOptions,
  planMemberJobs,
} from "./member-job.js";
export { type MemberJobCheckpointOptions, type RunMemberJobOptions, runMemberJob } from "./run-member-job.js";
