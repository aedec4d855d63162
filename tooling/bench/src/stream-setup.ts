import type { EnsembleSpecInput } from "@rpf/core";

/** Rows per row group of the bench's Parquet file: one group is what the reader holds at a time. */
export const STREAM_ROW_GROUP = 100_000;
/** The bench file's columns: four inputs and the target. */
export const STREAM_COLUMNS = ["x1", "x2", "x3", "x4", "y"] as const;
/** The streaming bench's network: the CLI's defaults but for members, with minibatches of 1024 rows. */
export const STREAM_SPEC: EnsembleSpecInput = { members: 4, batchSize: 1024, bootstrap: { kind: "poisson" } };
