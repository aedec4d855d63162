#!/usr/bin/env node
/**
 * update-overhead.mjs's measure for two builds in one process, update by update, alternating which
 * goes first: this checkout ("after") and the built checkout at BEFORE ("before", e.g. a `git
 * worktree add` of an older commit, installed and built). Pairing each update of one with the same
 * update of the other keeps a shared machine's drift out of the difference.
 *
 * `BEFORE=/path/to/checkout node bench/update-overhead-paired.mjs` after building both
 * (UPDATES=n to change the number of updates; default 2000).
 */
import { fileURLToPath } from "node:url";

if (!process.env.BEFORE) {
  console.error("set BEFORE to the root of a built checkout to compare with");
  process.exit(2);
}
const load = async (root) => ({
  core: await import(`${root}/packages/core/dist/index.js`),
  backendApi: await import(`${root}/packages/core/dist/backend/index.js`),
  matrix: await import(`${root}/packages/backend-matrix/dist/index.js`),
});
const sides = {
  before: await load(process.env.BEFORE),
  after: await load(fileURLToPath(new URL("../../..", import.meta.url))),
};
const UPDATES = Number(process.env.UPDATES ?? 2000);
/** Milliseconds of CPU time this process spends in `work`, as update-overhead.mjs measures. */
async function cpuMs(work) {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const state = {};
for (const [name, { core, backendApi, matrix }] of Object.entries(sides)) {
  const spec = core.resolveEnsembleSpec({ members: 9, priorScale: 3, epochs: 100, standardize: "none" });
  const seed = core.makeToyData({ n: 100 });
  const stream = core.makeToyData({ n: UPDATES, seed: 7 });
  const ensemble = await core.Ensemble.create(spec, { backend: matrix.matrixBackend });
  await ensemble.fit(seed);
  const twin = await matrix.matrixBackend.createEnsemble({ spec, params: backendApi.initEnsembleParams(spec) });
  await twin.prepareTraining(seed, backendApi.bootstrapWeights(spec, seed.n));
  state[name] = { spec, stream, ensemble, twin, overhead: [], update: [] };
}
for (let i = 0; i < UPDATES; i++) {
  const order = i % 2 ? ["before", "after"] : ["after", "before"];
  for (const name of order) {
    const s = state[name];
    const row = { x: s.stream.x.slice(i, i + 1), y: s.stream.y.slice(i, i + 1), n: 1, inputSize: 1, outputSize: 1 };
    await s.twin.appendTraining(row, new Float32Array(s.spec.members).fill(1));
    const epoch = await cpuMs(() => s.twin.trainEpochs(1));
    const loss = await cpuMs(() => s.twin.finalLosses());
    const update = await cpuMs(() => s.ensemble.update(row, { epochs: 1 }));
    s.update.push(update);
    s.overhead.push(update - epoch - loss);
  }
}
console.log(
  `paired in one process, ${UPDATES} updates each, load ${(await import("node:os")).loadavg()[0].toFixed(1)}`,
);
console.log(
  "rows | before: update ms, overhead ms | after: update ms, overhead ms | median paired overhead difference (before − after) ms",
);
const window = 200;
for (let at = 0; at + window <= UPDATES; at += Math.max(window, Math.floor(UPDATES / 4))) {
  const part = (v) => v.slice(at, at + window);
  const b = state.before,
    a = state.after;
  const diff = part(b.overhead).map((o, k) => o - part(a.overhead)[k]);
  console.log(
    `${101 + at}–${100 + at + window} | ${median(part(b.update)).toFixed(3)}, ${median(part(b.overhead)).toFixed(3)} | ${median(part(a.update)).toFixed(3)}, ${median(part(a.overhead)).toFixed(3)} | ${median(diff).toFixed(3)}`,
  );
}
