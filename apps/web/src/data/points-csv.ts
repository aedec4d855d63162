import { datasetFromCsv, formatFloat32, InvalidArgumentError } from "@rpf/core";
import type { Point } from "./points.js";

/** Training sees float32: each value is written as its float32's shortest round-trip form. */
export function pointsToCsv(points: readonly Point[], columns: { x: string; y: string }): string {
  const rows = points.map((p) => `${formatFloat32(p.x)},${formatFloat32(p.y)}`);
  return `${columns.x},${columns.y}\n${rows.join("\n")}\n`;
}

export interface CsvPoints {
  readonly points: Point[];
  readonly xColumn: string;
  readonly yColumn: string;
}

/**
 * Points from CSV text through core's datasetFromCsv, so the checks and messages are the CLI's.
 * Column names left blank take its defaults (y: the last column; x: the others, which must be one).
 */
export function pointsFromCsv(text: string, fileName: string, columns: { x: string; y: string }): CsvPoints {
  const x = columns.x.trim();
  const y = columns.y.trim();
  const data = datasetFromCsv(text, { ...(x ? { xCols: [x] } : {}), ...(y ? { yCol: y } : {}) }, fileName);
  if (data.inputSize !== 1) {
    throw new InvalidArgumentError(
      `${fileName} has ${data.inputSize} input columns (${data.xCols.join(", ")}); the playground plots one: name the x column`,
      { field: "x column", accepted: data.xCols.join(", ") },
    );
  }
  return {
    points: Array.from(data.x, (value, i) => ({ x: value, y: data.y[i]! })),
    xColumn: data.xCols[0]!,
    yColumn: data.yCol,
  };
}
