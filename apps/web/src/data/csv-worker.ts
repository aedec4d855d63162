import { isRpfError, serializeError } from "@rpf/core";
import type { CsvReply, CsvRequest } from "./csv-protocol.js";
import { pointsFromCsv } from "./points-csv.js";

/**
 * Reads and parses CSV files off the page's thread: 100,000 rows take seconds to parse, and the
 * page must keep answering input meanwhile. The training worker is not used, since it may be busy.
 */
self.addEventListener("message", async (event: MessageEvent<CsvRequest>) => {
  const { id, file, columns } = event.data;
  try {
    const parsed = pointsFromCsv(await file.text(), file.name, columns);
    const x = Float64Array.from(parsed.points, (p) => p.x);
    const y = Float64Array.from(parsed.points, (p) => p.y);
    const reply: CsvReply = { id, x, y, xColumn: parsed.xColumn, yColumn: parsed.yColumn };
    self.postMessage(reply, { transfer: [x.buffer, y.buffer] });
  } catch (error) {
    // rpf's errors are written for users; anything else is a bug, named as such.
    const failure = isRpfError(error)
      ? error
      : new Error(
          `unexpected error while reading ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
    self.postMessage({ id, error: serializeError(failure) } satisfies CsvReply);
  }
});
