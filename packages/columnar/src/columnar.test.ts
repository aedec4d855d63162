import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError, InvalidArgumentError } from "@rpf/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ColumnValues,
  columnarRowSource,
  openColumnarFile,
  writeArrowColumns,
  writeParquetColumns,
} from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "rpf-columnar-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two batches of rows: a = i, b = i as int32, y = 2i + 0.5. */
function groups(): ColumnValues[][] {
  return [
    [0, 4],
    [4, 10],
  ].map(([from, to]) => [
    { name: "a", values: Float64Array.from({ length: to! - from! }, (_, i) => from! + i) },
    { name: "b", values: Int32Array.from({ length: to! - from! }, (_, i) => from! + i) },
    { name: "y", values: Float32Array.from({ length: to! - from! }, (_, i) => 2 * (from! + i) + 0.5) },
  ]);
}

async function readAll(path: string) {
  const table = await openColumnarFile(path);
  const source = columnarRowSource(table, { inputs: ["b", "a"], targets: ["y"] });
  const x: number[] = [];
  const y: number[] = [];
  const sizes: number[] = [];
  for await (const batch of source.batches()) {
    x.push(...batch.x);
    y.push(...batch.y);
    sizes.push(batch.n);
  }
  return { table, source, x, y, sizes };
}

const formats = [
  ["parquet", (path: string, g: Iterable<readonly ColumnValues[]>) => writeParquetColumns(path, g)],
  ["arrow", (path: string, g: Iterable<readonly ColumnValues[]>) => writeArrowColumns(path, g)],
] as const;

describe.each(formats)("reading %s files", (extension, write) => {
  const file = (name: string) => join(dir, `${name}.${extension}`);

  it("reads the named columns in the order asked, batch by batch, with the row count up front", async () => {
    const path = file("good");
    write(path, groups());
    const { table, source, x, y, sizes } = await readAll(path);
    expect(table.rows).toBe(10);
    expect(source.rows).toBe(10);
    expect(sizes).toEqual([4, 6]);
    expect(x).toEqual(Array.from({ length: 10 }, (_, i) => [i, i]).flat());
    expect(y).toEqual(Array.from({ length: 10 }, (_, i) => 2 * i + 0.5));
    expect(table.columns.map((c) => [c.name, c.numeric])).toEqual([
      ["a", true],
      ["b", true],
      ["y", true],
    ]);
  });

  it("refuses a missing column, naming it and the numeric columns", async () => {
    const path = file("missing");
    write(path, groups());
    const table = await openColumnarFile(path);
    const error = (() => {
      try {
        columnarRowSource(table, { inputs: ["a", "c"], targets: ["y"] });
      } catch (e) {
        return e;
      }
    })();
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('has no column "c"; its numeric columns are: a, b, y');
  });

  it("refuses a column of strings, naming it and what is accepted", async () => {
    const path = file("strings");
    write(path, [[...groups()[0]!, { name: "city", values: ["x", "y", "z", "w"] }]]);
    const table = await openColumnarFile(path);
    expect(() => columnarRowSource(table, { inputs: ["a", "city"], targets: ["y"] })).toThrow(
      /column "city" has type .*; only numeric columns/,
    );
    expect(() => columnarRowSource(table, { inputs: ["a", "city"], targets: ["y"] })).toThrow(DataError);
  });

  it("refuses a null cell, naming its column and row", async () => {
    const path = file("nulls");
    const [first, second] = groups();
    // The same nullable float64 column in both batches, with a null in the second.
    write(path, [
      [first![0]!, first![1]!, { name: "y", values: [0.5, 2.5, 4.5, 6.5] }],
      [second![0]!, second![1]!, { name: "y", values: [1, 2, null, 4, 5, 6] }],
    ]);
    const error = await readAll(path).catch((e: unknown) => e);
    expect(DataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('column "y" holds a null at row 6');
  });

  it("refuses an empty file and a file of another format", async () => {
    const empty = file("empty");
    writeFileSync(empty, "");
    const text = file("text");
    writeFileSync(text, "a,b,y\n1,2,3\n");
    for (const path of [empty, text, file("absent")]) {
      const error = await openColumnarFile(path).catch((e: unknown) => e);
      expect(DataError.isInstance(error), String(error)).toBe(true);
      expect((error as Error).message).toMatch(/^cannot read .* as (Parquet|Arrow IPC)/);
    }
  });
});

it("refuses an unknown extension, naming the accepted ones", async () => {
  const error = await openColumnarFile(join(dir, "data.csv")).catch((e: unknown) => e);
  expect(InvalidArgumentError.isInstance(error)).toBe(true);
  expect((error as Error).message).toContain("accepted: .parquet, .pq, .arrow");
});
