import { describe, expect, it } from "vitest";
import { createDataset } from "./dataset.js";
import { memoryRowSource } from "./row-source.js";
import { fitStandardizer } from "./standardizer.js";
import { streamChunks } from "./stream-chunks.js";
import { fitStreamStandardizer } from "./stream-standardizer.js";

describe("fitStreamStandardizer", () => {
  const n = 1000;
  const x = Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? 1e4 + Math.sin(i) : 3));
  const y = Array.from({ length: n }, (_, i) => Math.cos(i) * 50 - 7);
  const data = createDataset(x, y, 2, 1);

  it.each(["x", "xy", "none"] as const)(
    "agrees with fitStandardizer to 1e-12 (mode %s), in any chunking",
    async (mode) => {
      const expected = fitStandardizer(data, mode, "none");
      for (const chunkRows of [1, 7, n]) {
        const fitted = await fitStreamStandardizer(streamChunks(memoryRowSource(data, 13), chunkRows), mode, 2, 1);
        for (const key of ["xMean", "xScale", "yMean", "yScale"] as const) {
          fitted[key].forEach((value, c) => {
            const want = expected[key][c]!;
            expect(Math.abs(value - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
          });
        }
        // The constant column keeps scale 1, as fitStandardizer's.
        if (mode !== "none") expect(fitted.xScale[1]).toBe(1);
      }
    },
  );
});
