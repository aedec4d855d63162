import { readPackageFile } from "./package-file.js";

/** The records of one of vega-datasets' JSON files (its entry is build/index.js). */
export async function readVegaRecords(file: string): Promise<Record<string, unknown>[]> {
  return JSON.parse(await readPackageFile("vega-datasets", 1, `data/${file}`)) as Record<string, unknown>[];
}
