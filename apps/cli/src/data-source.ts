import {
  classesOfLabels,
  classIndicesOf,
  type Dataset,
  datasetFromCsv,
  type HeadName,
  InvalidArgumentError,
  labelledTextFromCsv,
  MAX_TOY_POINTS,
  makeToyData,
  oneHot,
} from "@rpf/core";
import { readTextFile } from "./files.js";
import { readName } from "./stdio.js";

/** CSV files larger than this are refused before reading (a guard against a wrong path). */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

export interface LoadedData {
  readonly data: Dataset;
  readonly columns?: { x: string[]; y: string };
  /** A categorical model's class labels, sorted (docs/model-format.md): y's column k is classes[k]. */
  readonly classes?: string[];
  readonly description: string;
}

/** Which columns to read, and whether the target is a class label (head "categorical") or a number. */
export interface DataOptions {
  xCols?: string[];
  yCol?: string;
  dataSeed: number;
  points: number;
  head?: HeadName;
}

/**
 * A classifier's training set: the label column read as text, its distinct labels sorted into
 * classes (index k ↔ classes[k]), and y one-hot [n, K].
 * @throws {DataError} for an empty label, a single class or more than MAX_CLASSES classes.
 */
function classDataFromCsv(text: string, options: DataOptions, name: string): LoadedData {
  const read = labelledTextFromCsv(
    text,
    { ...(options.xCols ? { xCols: options.xCols } : {}), ...(options.yCol ? { yCol: options.yCol } : {}) },
    name,
  );
  const where = { source: name, column: read.yCol, lines: read.lines };
  const classes = classesOfLabels(read.labels, where);
  const y = oneHot(classIndicesOf(read.labels, classes, where), classes.length);
  const shown = classes.length <= 10 ? `: ${classes.join(", ")}` : "";
  return {
    data: { x: read.x, y, n: read.n, inputSize: read.xCols.length, outputSize: classes.length },
    columns: { x: read.xCols, y: read.yCol },
    classes,
    description: `${name} (${read.n} rows; x: ${read.xCols.join(", ")}; y: ${read.yCol}, ${classes.length} classes${shown})`,
  };
}

/**
 * "toy" for the seed notebook's data, or a CSV with a header row: a path, or "-" for stdin. With
 * head "categorical" the target column holds class labels (text or numbers), else numbers.
 */
export async function loadTrainingData(source: string, options: DataOptions): Promise<LoadedData> {
  if (source === "toy") {
    if (options.head === "categorical")
      throw new InvalidArgumentError(
        "--head categorical needs labelled data: the toy data's target is a number; give --data FILE.csv with a label column",
        { field: "data", accepted: "a CSV file with a label column" },
      );
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
  if (options.head === "categorical") return classDataFromCsv(text, options, name);
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
