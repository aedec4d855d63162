import { type Dataset, datasetFromCsv, InvalidArgumentError, MAX_TOY_POINTS, makeToyData } from "@rpf/core";
import { readTextFile } from "./files.js";
import { readName } from "./stdio.js";

/** CSV files larger than this are refused before reading (a guard against a wrong path). */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

export interface LoadedData {
  readonly data: Dataset;
  readonly columns?: { x: string[]; y: string };
  readonly description: string;
}

/** "toy" for the seed notebook's data, or a CSV with a header row: a path, or "-" for stdin. */
export async function loadTrainingData(
  source: string,
  options: { xCols?: string[]; yCol?: string; dataSeed: number; points: number },
): Promise<LoadedData> {
  if (source === "toy") {
    // Core refuses too, but in its own words; this names the option.
    if (options.points > MAX_TOY_POINTS)
      throw new InvalidArgumentError(`--points must be at most ${MAX_TOY_POINTS}, got ${options.points}`, {
        field: "points",
        accepted: `1 to ${MAX_TOY_POINTS}`,
      });
    return {
      data: makeToyData({ seed: options.dataSeed, n: options.points }),
      description: `toy data (${options.points} points, seed ${options.dataSeed})`,
    };
  }
  const text = await readTextFile(source, MAX_CSV_BYTES);
  const name = readName(source);
  const parsed = datasetFromCsv(
    text,
    { ...(options.xCols ? { xCols: options.xCols } : {}), ...(options.yCol ? { yCol: options.yCol } : {}) },
    name,
  );
  return {
    data: parsed,
    columns: { x: parsed.xCols, y: parsed.yCol },
    description: `${name} (${parsed.n} rows; x: ${parsed.xCols.join(", ")}; y: ${parsed.yCol})`,
  };
}
