#!/usr/bin/env node
/**
 * The per-call overhead of Ensemble.update on the seed shape (9 members, 1 → 16 → 16 → 1 ELU,
 * β = 3, full-batch Adam, "resample" bootstrap): an ensemble fitted on the seed's 100 points takes
 * UPDATES more points one at a time, each `update(row, { epochs: 1 })`. An update must train one
 * epoch on all rows and measure every member's final loss on them (the training report's
 * finalLosses): both grow with the rows. For the sizes the training set passes through, this
 * prints the median CPU time of an update, of one epoch and of one final-loss pass on a handle
 * prepared with that many rows, and of the handle appending one row; the overhead is the update's
 * time beyond its epoch and its loss pass — appending the row and its weights, core's checks and
 * bookkeeping, the fit loop.
 *
 * Runs against the built packages: `pnpm --filter @rpf/backend-matrix bench:update`
 * (UPDATES=n to change the number of updates; default 2000).
 */
import { Ensemble, makeToyData, resolveEnsembleSpec } from "@rpf/core";
import { bootstrapWeights, initEnsembleParams } from "@rpf/core/backend";
import { kernelDescription, matrixBackend } from "../dist/index.js";

const UPDATES = Number(process.env.UPDATES ?? 2000);
const spec = resolveEnsembleSpec({ members: 9, priorScale: 3, epochs: 100, standardize: "none" });
const seed = makeToyData({ n: 100 });
const stream = makeToyData({ n: UPDATES, seed: 7 });
const rowOf = (i) => ({ x: stream.x.slice(i, i + 1), y: stream.y.slice(i, i + 1), n: 1, inputSize: 1, outputSize: 1 });

/**
 * Milliseconds of CPU time this process spends in `work` (user + system): on a shared machine
 * under load, wall time also counts the time the process waits for a core.
 */
async function cpuMs(work) {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// A second handle holds the same rows as the ensemble (it appends each row too, untimed) and
// times, right before each update, the work an update cannot avoid: one epoch and one final-loss
// pass on that many rows. Pairing the two per update keeps a busy machine's drift out of the
// difference.
const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
await ensemble.fit(seed);
const twin = await matrixBackend.createEnsemble({ spec, params: initEnsembleParams(spec) });
await twin.prepareTraining(seed, bootstrapWeights(spec, seed.n));
const updateMs = [];
const epochMs = [];
const lossMs = [];
for (let i = 0; i < UPDATES; i++) {
  await twin.appendTraining(rowOf(i), new Float32Array(spec.members).fill(1));
  epochMs.push(await cpuMs(() => twin.trainEpochs(1)));
  lossMs.push(await cpuMs(() => twin.finalLosses()));
  updateMs.push(await cpuMs(() => ensemble.update(rowOf(i), { epochs: 1 })));
}
await twin.dispose();
await ensemble.dispose();

console.log(`Ensemble.update(1 row, { epochs: 1 }) on matrix (${kernelDescription()}), seed shape, ${UPDATES} updates`);
console.log("rows | update ms | one epoch ms | final losses ms | overhead ms (median of per-update differences)");
const window = 200;
for (let at = 0; at + window <= UPDATES; at += Math.max(window, Math.floor(UPDATES / 4))) {
  const part = (values) => values.slice(at, at + window);
  const overhead = part(updateMs).map((u, k) => u - part(epochMs)[k] - part(lossMs)[k]);
  const cells = [median(part(updateMs)), median(part(epochMs)), median(part(lossMs)), median(overhead)];
  console.log(`${seed.n + at + 1}–${seed.n + at + window} | ${cells.map((v) => v.toFixed(3)).join(" | ")}`);
}
