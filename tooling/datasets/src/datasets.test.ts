import { datasetFromCsv } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { loadAutoMpg, loadBoston, loadPenguins, toCsv, uciSplit } from "./index.js";

describe("real data sets from npm packages", () => {
  it("Boston housing: 506 complete rows, 13 inputs, target medv", async () => {
    const boston = await loadBoston();
    expect(boston.rows).toHaveLength(506);
    expect(boston.dropped).toBe(0);
    expect(boston.inputs).toHaveLength(13);
    expect(boston.target).toBe("medv");
    expect(boston.rows[0]).toEqual([0.00632, 18, 2.31, 0, 0.538, 6.575, 65.2, 4.09, 1, 296, 15.3, 396.9, 4.98, 24]);
  });

  it("Auto MPG: 392 of 406 rows complete, origin and model year coded as UCI does", async () => {
    const cars = await loadAutoMpg();
    expect(cars.rows.length + cars.dropped).toBe(406);
    expect(cars.rows).toHaveLength(392);
    // chevrolet chevelle malibu, the first row: 8 cylinders, 1970, USA, 18 mpg.
    expect(cars.rows[0]).toEqual([8, 307, 130, 3504, 12, 70, 1, 18]);
    expect(new Set(cars.rows.map((row) => row[6]))).toEqual(new Set([1, 2, 3]));
  });

  it("penguins: 342 of 344 rows have every measurement; three species", async () => {
    const penguins = await loadPenguins();
    expect(penguins.rows).toHaveLength(342);
    expect(penguins.dropped).toBe(2);
    expect(new Set(penguins.rows.map((row) => row[4]))).toEqual(new Set(["Adelie", "Chinstrap", "Gentoo"]));
  });

  it("a split written to CSV reads back through core's CSV reader with the same values", async () => {
    const boston = await loadBoston();
    const { test } = uciSplit(boston.rows.length, 3);
    const data = datasetFromCsv(toCsv(boston, test), { yCol: "medv" });
    expect(data.n).toBe(test.length);
    expect(data.y[0]).toBe(Math.fround(boston.rows[test[0]!]![13] as number));
  });
});

describe("uciSplit", () => {
  it("partitions every row, 90/10, the same for the same seed and different across seeds", () => {
    const a = uciSplit(506, 0);
    expect(a.test).toHaveLength(51);
    expect(a.train).toHaveLength(455);
    expect([...a.train, ...a.test].sort((x, y) => x - y)).toEqual([...Array(506).keys()]);
    expect(uciSplit(506, 0)).toEqual(a);
    expect(uciSplit(506, 1).test).not.toEqual(a.test);
  });

  it("refuses a split with an empty side", () => {
    expect(() => uciSplit(5, 0, 0.05)).toThrow(RangeError);
    expect(() => uciSplit(1, 0)).toThrow(/empty side/);
  });
});
