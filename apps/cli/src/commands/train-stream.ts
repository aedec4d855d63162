import { columnarRowSource, openColumnarFile } from "@rpf/columnar";
import {
  DEFAULT_CHUNK_ROWS,
  Ensemble,
  type EnsembleSpecInput,
  finiteJson,
  InvalidArgumentError,
  writeModel,
} from "@rpf/core";
import { writeOutput } from "../files.js";
import { withInterruption } from "../interrupted.js";
import { createProgressReporter } from "../progress.js";
import { withFlagNames } from "../spec-options.js";
import { writeName, writeStdout } from "../stdio.js";

/** What `rpf train --data FILE.parquet|FILE.arrow` needs from train's options. */
export interface StreamedTrainOptions {
  readonly data: string;
  readonly xCols?: string[];
  readonly yCol?: string;
  readonly head: string;
  readonly backend: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * Trains on a Parquet or Arrow IPC file read a chunk at a time (Ensemble.fitStream,
 * docs/streaming.md): memory holds one row group or record batch and one chunk, never the file.
 * The columns are checked before any training; the model is written only when training ends.
 * @param refused the first option given that a stream cannot honour yet (validation,
 *   checkpoints, resume), or null.
 * @throws {InvalidArgumentError} for a refused option, head "categorical", or a column the file lacks.
 * @throws {DataError} for a file that cannot be read, a column that is not numeric, or a null or
 *   non-finite cell (naming column and row).
 */
export async function trainStreamed(
  options: StreamedTrainOptions,
  spec: (inputSize: number, outputSize: number) => EnsembleSpecInput,
  refused: string | null,
): Promise<void> {
  if (refused || options.head === "categorical") {
    throw new InvalidArgumentError(
      `${refused ?? "--head categorical"} cannot be used with a streamed --data ${options.data} yet: train on a CSV for it, or leave it out`,
      { field: "data", accepted: "--x-cols, --y-col, the spec's options, --backend, --out, --json, --quiet" },
    );
  }
  const table = await openColumnarFile(options.data);
  const numeric = table.columns.filter((column) => column.numeric).map((column) => column.name);
  const yCol = options.yCol ?? table.columns.at(-1)?.name ?? "";
  const xCols = options.xCols ?? numeric.filter((name) => name !== yCol);
  const source = columnarRowSource(table, { inputs: xCols, targets: [yCol] });
  const ensemble = await Ensemble.create(spec(xCols.length, 1), { backend: options.backend }).catch(
    (error: unknown) => {
      throw withFlagNames(error);
    },
  );
  ensemble.setColumns({ x: xCols, y: yCol });
  const progress = options.quiet
    ? null
    : await createProgressReporter(
        `training ${ensemble.spec.members} members on ${ensemble.backend}:${ensemble.device}`,
      );
  try {
    if (!options.quiet && !options.json)
      process.stderr.write(
        `data: ${options.data} (${table.rows} rows; x: ${xCols.join(", ")}; y: ${yCol}; streamed in chunks of ${DEFAULT_CHUNK_ROWS} rows)\n`,
      );
    await withInterruption(
      () => "during training; no model was written",
      (signal) =>
        ensemble.fitStream(source, { signal, ...(progress ? { onProgress: (p) => progress.update(p) } : {}) }),
    );
    progress?.stop();
    const report = ensemble.training!;
    if (options.out)
      await writeOutput(options.out, await writeModel(await ensemble.toModel(), "rpf", { producer: "@rpf/cli" }));
    const mean = report.finalLosses.reduce((a, b) => a + b, 0) / report.finalLosses.length;
    if (options.json) {
      await writeStdout(
        `${finiteJson({ backend: report.backend, device: report.device, members: ensemble.spec.members, epochs: report.epochs, examples: report.examples, trainSeconds: report.trainSeconds, finalLosses: report.finalLosses, model: options.out ?? null, streamed: true })}\n`,
      );
    } else if (!options.quiet) {
      process.stderr.write(
        `streamed ${report.examples} rows: ${ensemble.spec.members} members × ${report.epochs} epochs in ${report.trainSeconds.toFixed(2)} s on ${report.backend}:${report.device}; mean final loss ${mean.toExponential(3)}${options.out ? `; saved ${writeName(options.out)}` : " (not saved: no --out)"}\n`,
      );
    }
  } finally {
    progress?.stop();
    await ensemble.dispose();
  }
}
