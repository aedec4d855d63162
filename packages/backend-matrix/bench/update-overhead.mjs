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
const REPEATS = 200;
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

/** Median milliseconds of trainEpochs(1), finalLosses() and appendTraining(1 row) on a handle prepared with n rows. */
async function handleTimes(n) {
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  x.set(seed.x);
  y.set(seed.y);
  x.set(stream.x.subarray(0, n - seed.n), seed.n);
  y.set(stream.y.subarray(0, n - seed.n), seed.n);
  const handle = await matrixBackend.createEnsemble({ spec, params: initEnsembleParams(spec) });
  await handle.prepareTraining({ x, y, n, inputSize: 1, outputSize: 1 }, bootstrapWeights(spec, n));
  const time = async (work) => {
    const times = [];
    for (let r = 0; r < REPEATS; r++) times.push(await cpuMs(work));
    return median(times);
  };
  const epoch = await time(() => handle.trainEpochs(1));
  const loss = await time(() => handle.finalLosses());
  const append = await time(() => handle.appendTraining(rowOf(0), new Float32Array(spec.members).fill(1)));
  await handle.dispose();
  return { epoch, loss, append };
}

const ensemble = await Ensemble.create(spec, { backend: matrixBackend });
await ensemble.fit(seed);
const updateMs = [];
for (let i = 0; i < UPDATES; i++) {
  updateMs.push(await cpuMs(() => ensemble.update(rowOf(i), { epochs: 1 })));
}
await ensemble.dispose();

console.log(`Ensemble.update(1 row, { epochs: 1 }) on matrix (${kernelDescription()}), seed shape, ${UPDATES} updates`);
console.log("rows | update ms | one epoch ms | final losses ms | append 1 row ms | overhead ms");
const window = 100;
for (const at of [0, 500, 1000, 2000, 5000].filter((k) => k + window <= UPDATES)) {
  const n = seed.n + at + window / 2;
  const update = median(updateMs.slice(at, at + window));
  const { epoch, loss, append } = await handleTimes(n);
  const cells = [update, epoch, loss, append, update - epoch - loss].map((v) => v.toFixed(3));
  console.log(`${n} | ${cells.join(" | ")}`);
}
