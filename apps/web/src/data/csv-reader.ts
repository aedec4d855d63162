import { deserializeError, serializeError } from "@rpf/core";
import type { CsvReply, CsvRequest } from "./csv-protocol.js";
import type { CsvPoints } from "./points-csv.js";

/**
 * Parses CSV files in a worker of its own (src/data/csv-worker.ts), started at the first file.
 * One file at a time: a new read makes an unanswered earlier one resolve to null, so only the
 * latest choice is applied.
 */
export class CsvReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; settle: (reply: CsvReply | null) => void } | null = null;

  /**
   * The file's points, or null when a later read superseded this one.
   * @throws the RpfError core threw in the worker (a DataError for a file that is not CSV the
   *   playground can use), revived with its class and details; a plain Error when the reader
   *   itself failed.
   */
  async read(file: File, columns: CsvRequest["columns"]): Promise<CsvPoints | null> {
    this.pending?.settle(null);
    const id = this.nextId++;
    const reply = await new Promise<CsvReply | null>((settle) => {
      this.pending = { id, settle };
      this.spawned().postMessage({ id, file, columns } satisfies CsvRequest);
    });
    if (reply === null) return null;
    if ("error" in reply) throw deserializeError(reply.error);
    return {
      points: Array.from(reply.x, (x, i) => ({ x, y: reply.y[i]! })),
      xColumn: reply.xColumn,
      yColumn: reply.yColumn,
    };
  }

  private spawned(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./csv-worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<CsvReply>) => {
      if (event.data.id !== this.pending?.id) return;
      const { settle } = this.pending;
      this.pending = null;
      settle(event.data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      // A worker that cannot run cannot read; the next file starts a fresh one.
      worker.terminate();
      this.worker = null;
      const pending = this.pending;
      this.pending = null;
      pending?.settle({
        id: pending.id,
        error: serializeError(new Error(`the CSV reader stopped: ${event.message || "it could not load"}`)),
      });
    });
    this.worker = worker;
    return worker;
  }
}
