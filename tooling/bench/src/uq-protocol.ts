import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type TabularData, toCsv, uciSplit } from "@rpf/datasets";
import { scoreUq, type UqScores } from "./uq-metrics.js";
import type { SplitFiles, UqRun } from "./uq-rpf.js";

/** The fraction of rows each UCI split holds out for testing. */
export const UCI_TEST_FRACTION = 0.1;

/** One model's scores on one split, and its wall seconds. */
export interface SplitScore extends UqScores {
  readonly split: number;
  readonly seconds: number;
}

/** A model under test: given one split's files, its predictive for the test rows. */
export type UqModel = (split: SplitFiles) => Promise<UqRun> | UqRun;

/**
 * Writes split `seed` of `data` (uciSplit: core's Threefry shuffle keyed by the seed, the last 10%
 * of the shuffled rows for testing) as two CSVs under `folder`, and returns their paths with the
 * test targets.
 */
export function writeSplit(
  data: TabularData,
  seed: number,
  folder: string,
): { files: SplitFiles; yTest: Float32Array } {
  const { train, test } = uciSplit(data.rows.length, seed, UCI_TEST_FRACTION);
  const splitFolder = join(folder, `${data.name}-${seed}`);
  mkdirSync(splitFolder, { recursive: true });
  const files: SplitFiles = {
    train: join(splitFolder, "train.csv"),
    test: join(splitFolder, "test.csv"),
    target: data.target,
    folder: splitFolder,
    seed,
  };
  writeFileSync(files.train, toCsv(data, train));
  writeFileSync(files.test, toCsv(data, test));
  const targetIndex = data.inputs.length;
  const yTest = Float32Array.from(test, (row) => Number(data.rows[row]![targetIndex]));
  return { files, yTest };
}

/**
 * Runs every model on every split of `data` (each model sees the very same files) and scores each
 * with the one shared metric code. Models run one after another, so their times do not overlap.
 */
export async function runSplits(
  data: TabularData,
  seeds: readonly number[],
  models: Readonly<Record<string, UqModel>>,
  folder: string,
  onSplit: (model: string, score: SplitScore) => void = () => {},
): Promise<Record<string, SplitScore[]>> {
  const scores: Record<string, SplitScore[]> = Object.fromEntries(Object.keys(models).map((name) => [name, []]));
  for (const seed of seeds) {
    const { files, yTest } = writeSplit(data, seed, folder);
    for (const [name, model] of Object.entries(models)) {
      const run = await model(files);
      const score = { split: seed, seconds: run.seconds, ...scoreUq(run.mean, run.std, yTest) };
      scores[name]!.push(score);
      onSplit(name, score);
    }
  }
  return scores;
}
