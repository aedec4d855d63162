import type { SerializedError } from "@rpf/core";

/** A CSV file to parse, with the column names typed in the page (blank: core's defaults). */
export interface CsvRequest {
  readonly id: number;
  readonly file: File;
  readonly columns: { readonly x: string; readonly y: string };
}

/**
 * The parsed columns (values as core read them), or what was wrong, in core's serialized form:
 * its message is for the user, and its class and details survive the thread boundary.
 */
export type CsvReply =
  | {
      readonly id: number;
      readonly x: Float64Array;
      readonly y: Float64Array;
      readonly xColumn: string;
      readonly yColumn: string;
    }
  | { readonly id: number; readonly error: SerializedError };
