import type { TabularData } from "./tabular-data.js";
import { readVegaRecords } from "./vega-json.js";

/** UCI's integer codes for the car's origin, which the UCI file uses in place of the names. */
const ORIGIN_CODES: Readonly<Record<string, number>> = { USA: 1, Europe: 2, Japan: 3 };

const NUMERIC_INPUTS = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"] as const;

/**
 * Auto MPG (Quinlan 1993; UCI "autompg"): target `Miles_per_Gallon`; inputs the five numeric
 * columns, the model year (70–82, from vega's "1970-01-01" dates) and the origin coded 1/2/3 as
 * in the UCI file. Of vega-datasets' 406 rows, those with a missing value are dropped and counted
 * (392 remain, as in the UCI benchmark).
 */
export async function loadAutoMpg(): Promise<TabularData> {
  const records = await readVegaRecords("cars.json");
  const target = "Miles_per_Gallon";
  const rows: number[][] = [];
  for (const record of records) {
    const inputs = NUMERIC_INPUTS.map((name) => record[name]);
    const mpg = record[target];
    const year = typeof record.Year === "string" ? Number(record.Year.slice(0, 4)) - 1900 : Number.NaN;
    const origin = typeof record.Origin === "string" ? ORIGIN_CODES[record.Origin] : undefined;
    const complete = inputs.every((value) => typeof value === "number") && typeof mpg === "number";
    if (!complete || !Number.isFinite(year) || origin === undefined) continue;
    rows.push([...(inputs as number[]), year, origin, mpg]);
  }
  return {
    name: "auto-mpg",
    source: "vega-datasets data/cars.json",
    license: "vega-datasets (BSD-3-Clause); data from the UCI Machine Learning Repository",
    inputs: [...NUMERIC_INPUTS, "Model_Year", "Origin"],
    target,
    rows,
    dropped: records.length - rows.length,
  };
}
