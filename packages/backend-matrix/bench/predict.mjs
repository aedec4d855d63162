#!/usr/bin/env node
/**
 * Times predict on the seed ensemble: 9 members (1 → 16 → 16 → 1 ELU, trainable and prior, β = 3)
 * trained on the seed workload, then asked for 10^6 points on the notebook's grid [−5, 5]. Trained
 * weights, not initial ones, because how often ELU takes its exponential depends on them. Times
 * the single-threaded backend and the 2-thread one (worker start-up excluded: the handle exists
 * before the clock starts), interleaved so a busy machine slows both alike, and prints the
 * median of RUNS runs in member-points per second, whether both gave the same bits, and the
 * load average before and after (the numbers mean little on a machine that is busy otherwise).
 *
 * Runs against the built package: `pnpm --filter @rpf/backend-matrix bench:predict` (RUNS=n,
 * POINTS=n, THREADS=n to change the defaults 3, 10^6, 2).
 */
import { loadavg } from "node:os";
import { bootstrapWeights, initEnsembleParams, linspace, makeToyData, resolveEnsembleSpec } from "@rpf/core";
import { matrixBackend } from "../dist/index.js";
import { createParallelMatrixBackend } from "../dist/node.js";

const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
const loadBefore = load();
const RUNS = Number(process.env.RUNS ?? 3);
const POINTS = Number(process.env.POINTS ?? 1e6);
const THREADS = Number(process.env.THREADS ?? 2);
const spec = resolveEnsembleSpec({ members: 9 });
const data = makeToyData({ n: 100 });

const trainer = await matrixBackend.createEnsemble({ spec, params: initEnsembleParams(spec) });
await trainer.fit({ data, exampleWeights: bootstrapWeights(spec, data.n), epochs: spec.epochs });
const params = await trainer.params();
await trainer.dispose();

const x = linspace(-5, 5, POINTS);
const variants = [
  { name: "matrixBackend (1 thread)", backend: matrixBackend },
  { name: `createParallelMatrixBackend(${THREADS})`, backend: createParallelMatrixBackend(THREADS) },
];
const handles = await Promise.all(variants.map(({ backend }) => backend.createEnsemble({ spec, params })));

const times = variants.map(() => []);
let outputs = [];
await Promise.all(handles.map((handle) => handle.predict(x.subarray(0, 1000)))); // warm-up
for (let r = 0; r < RUNS; r++) {
  outputs = [];
  for (const [v, handle] of handles.entries()) {
    const start = performance.now();
    outputs.push(await handle.predict(x));
    times[v].push((performance.now() - start) / 1000);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const memberPoints = spec.members * POINTS;
console.log(`predict: ${spec.members} members × ${POINTS} points, median of ${RUNS}`);
variants.forEach(({ name }, v) => {
  const seconds = median(times[v]);
  console.log(
    `  ${name.padEnd(32)} ${seconds.toFixed(3)} s  ${(memberPoints / seconds / 1e6).toFixed(2)} M member-points/s` +
      `  runs: ${times[v].map((t) => t.toFixed(3)).join(" ")}`,
  );
});
const same = ["members", "trainable", "prior"].every((part) =>
  outputs[0][part].every((value, i) => Object.is(value, outputs[1][part][i])),
);
console.log(`  outputs identical across variants: ${same}`);
console.log(`  load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()}`);
if (!same) process.exitCode = 1;
await Promise.all(handles.map((handle) => handle.dispose()));
