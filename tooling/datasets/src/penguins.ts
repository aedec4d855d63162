import type { TabularData } from "./tabular-data.js";
import { readVegaRecords } from "./vega-json.js";

const MEASUREMENTS = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] as const;

/**
 * Palmer penguins (Gorman, Williams & Fraser 2014): the species (Adelie, Chinstrap, Gentoo) from
 * the four body measurements. Of vega-datasets' 344 rows, those missing a measurement or the
 * species are dropped and counted.
 */
export async function loadPenguins(): Promise<TabularData> {
  const records = await readVegaRecords("penguins.json");
  const target = "Species";
  const rows: (number | string)[][] = [];
  for (const record of records) {
    const measurements = MEASUREMENTS.map((name) => record[name]);
    const species = record[target];
    if (!measurements.every((value) => typeof value === "number") || typeof species !== "string" || species === "")
      continue;
    rows.push([...(measurements as number[]), species]);
  }
  return {
    name: "penguins",
    source: "vega-datasets data/penguins.json",
    license: "vega-datasets (BSD-3-Clause); palmerpenguins data CC0",
    inputs: [...MEASUREMENTS],
    target,
    rows,
    dropped: records.length - rows.length,
  };
}
