import { readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@rpf/cli";

/** A Gaussian predictive for the test rows (target units) and the seconds it took to make. */
export interface UqRun {
  readonly mean: Float32Array;
  readonly std: Float32Array;
  /** Wall seconds of training and predicting, including reading and writing the files. */
  readonly seconds: number;
}

/** Where one split's files are: the two CSVs the bench wrote, and a folder for the model. */
export interface SplitFiles {
  readonly train: string;
  readonly test: string;
  readonly target: string;
  readonly folder: string;
  /** The split's number: the seed of its shuffle, and of rpf's and the peer's training. */
  readonly seed: number;
}

async function runCli(argv: readonly string[]): Promise<void> {
  const code = await main(argv);
  if (code !== 0) throw new Error(`rpf ${argv.join(" ")} exited with ${code}`);
}

/**
 * Trains rpf on the split's training CSV and predicts its test CSV through the CLI's own entry
 * point, in this process (so the time is rpf's, not node's start-up): `rpf train --preset tabular
 * --seed S [flags]`, then `rpf predict --format json`. `flags` override the preset, as they would
 * on the command line.
 */
export async function runRpf(split: SplitFiles, flags: readonly string[] = []): Promise<UqRun> {
  const model = join(split.folder, "rpf-model.json");
  const predictions = join(split.folder, "rpf-predictions.json");
  const started = performance.now();
  await runCli([
    "train",
    "--preset",
    "tabular",
    "--data",
    split.train,
    "--y-col",
    split.target,
    "--seed",
    String(split.seed),
    ...flags,
    "--out",
    model,
    "--quiet",
  ]);
  await runCli([
    "predict",
    "--model",
    model,
    "--input",
    split.test,
    "--format",
    "json",
    "--out",
    predictions,
    "--quiet",
  ]);
  const seconds = (performance.now() - started) / 1000;
  const output = JSON.parse(readFileSync(predictions, "utf8")) as { mean: number[]; std: number[] };
  return { mean: Float32Array.from(output.mean), std: Float32Array.from(output.std), seconds };
}
