import { registerParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { registerOnnxBackend } from "@rpf/backend-onnx";
import { registerTfjsBackend } from "@rpf/backend-tfjs";
import { Ensemble, linspace } from "@rpf/core";
import * as tf from "@tensorflow/tfjs-core";

/**
 * The `predict` workload in its own process: the seed ensemble's spec (9 members, 16-16 ELU) on
 * 10^6 points, after one warm-up call. Prints {"seconds", "memberPointsPerSecond"}.
 */
const backend = process.argv[2] ?? "matrix";
const points = Number(process.argv[3] ?? 1_000_000);
tf.env().set("PROD", true);
// As the CLI does: in Node, backend-matrix works on one worker thread per core.
registerParallelMatrixBackend();
registerTfjsBackend();
registerOnnxBackend();
const trained = await Ensemble.create({ members: 9, epochs: 0, seed: 0 }, { backend: "matrix" });
const model = await trained.toModel();
const ensemble = await Ensemble.fromModel(model, { backend });
const x = linspace(-5, 5, points);
await ensemble.predict(x.subarray(0, 1000));
const started = performance.now();
await ensemble.predict(x);
const seconds = (performance.now() - started) / 1000;
await ensemble.dispose();
process.stdout.write(
  `${JSON.stringify({ seconds, memberPointsPerSecond: (model.spec.members * points) / seconds })}\n`,
);
