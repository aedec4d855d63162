import { registerParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { columnarRowSource, openColumnarFile } from "@rpf/columnar";
import { Ensemble } from "@rpf/core";
import { STREAM_SPEC } from "./stream-setup.js";

/**
 * `node stream-train.js FILE EPOCHS`: trains on the Parquet file streamed from disk and prints one
 * JSON line: seconds for the standardizer's pass, each epoch and the final-loss pass, the peak
 * resident memory (process.resourceUsage().maxRSS) and the final losses. Its own process, so the
 * peak is this run's alone.
 */
const [file, epochsText] = process.argv.slice(2);
if (file && epochsText) {
  registerParallelMatrixBackend();
  const epochs = Number(epochsText);
  const table = await openColumnarFile(file);
  const source = columnarRowSource(table, { inputs: ["x1", "x2", "x3", "x4"], targets: ["y"] });
  const ensemble = await Ensemble.create({ ...STREAM_SPEC, inputSize: 4, outputSize: 1 }, { backend: "matrix" });
  // One pass of reading alone (what the standardizer's pass costs, less its arithmetic).
  const readStarted = performance.now();
  for await (const _ of source.batches());
  const readPassSeconds = (performance.now() - readStarted) / 1000;
  const started = performance.now();
  const epochEnds: number[] = [];
  const history = await ensemble.fitStream(source, {
    epochs,
    onProgress: () => {
      epochEnds.push(performance.now());
    },
  });
  const ended = performance.now();
  // The first epoch's time includes the standardizer's pass; it is told apart by a pass alone below.
  const epochSeconds = epochEnds.map((end, e) => (end - (e === 0 ? started : epochEnds[e - 1]!)) / 1000);
  process.stdout.write(
    `${JSON.stringify({
      rows: table.rows,
      backend: `${ensemble.backend}:${ensemble.device}`,
      readPassSeconds,
      epochSeconds,
      finalPassSeconds: (ended - epochEnds.at(-1)!) / 1000,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      finalLosses: Array.from(history.finalLosses),
    })}\n`,
  );
  await ensemble.dispose();
}
