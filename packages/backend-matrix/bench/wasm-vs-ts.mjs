#!/usr/bin/env node
/**
 * Times the seed training workload on one thread: 9 members × 3000 full-batch Adam epochs × 100
 * points, 1 → 16 → 16 → 1 ELU with a β = 3 prior, trained by the TypeScript MemberTrainer (one
 * step per call, epoch by epoch, as matrix-handle.ts runs it) and by WasmMemberTrainer (one step
 * per call, and all 3000 epochs in one call). Prints the median wall and CPU time of several runs
 * of each, interleaved so a busy machine slows every variant alike (CPU time is the steadier
 * number when other processes compete for the cores), and checks that every variant ends with
 * the same weights bit for bit.
 *
 * Runs against the built package: `pnpm --filter @rpf/backend-matrix bench:wasm` (RUNS=n to change
 * the number of runs).
 */
import {
  bootstrapWeights,
  initEnsembleParams,
  makeToyData,
  paramCounts,
  priorMlp,
  resolveEnsembleSpec,
} from "@rpf/core";
import { DenseNetwork } from "../dist/dense-network.js";
import { MemberTrainer } from "../dist/member-trainer.js";
import { WasmMemberTrainer } from "../dist/wasm/wasm-member-trainer.js";

const RUNS = Number(process.env.RUNS ?? 5);
const spec = resolveEnsembleSpec({ members: 9, epochs: 3000 });
const toy = makeToyData({ n: 100 });
const data = { x: Float64Array.from(toy.x), y: Float64Array.from(toy.y), n: toy.n };
const params = initEnsembleParams(spec);
const counts = paramCounts(spec);
const weights = bootstrapWeights(spec, data.n);
const weightsOf = (m) => weights.subarray(m * data.n, (m + 1) * data.n);
const priorNetwork = new DenseNetwork(priorMlp(spec), data.n);

/** The members of the seed ensemble as trainers of one kind, prepared on the data. */
function members(kind) {
  return Array.from({ length: spec.members }, (_, m) => {
    const trainable = params.trainable.subarray(m * counts.trainable, (m + 1) * counts.trainable);
    const prior = params.prior.subarray(m * counts.prior, (m + 1) * counts.prior);
    const member =
      kind === "ts"
        ? new MemberTrainer(spec, trainable, prior, data.n, "float64")
        : new WasmMemberTrainer(spec, trainable, prior, data.n);
    member.preparePrior(data, priorNetwork);
    return member;
  });
}

function stepByStep(trainers) {
  for (let e = 0; e < spec.epochs; e++) {
    for (let m = 0; m < trainers.length; m++) trainers[m].step(data, weightsOf(m), null, 0, data.n);
  }
}

function allEpochsAtOnce(trainers) {
  const losses = new Float64Array(spec.epochs);
  for (let m = 0; m < trainers.length; m++) trainers[m].trainEpochs(data, weightsOf(m), spec.epochs, losses);
}

const variants = [
  { name: "TypeScript, one step per call", kind: "ts", train: stepByStep },
  { name: "wasm, one step per call", kind: "wasm", train: stepByStep },
  { name: "wasm, 3000 epochs per call", kind: "wasm", train: allEpochsAtOnce },
];

/** Builds the trainers (untimed), trains them (timed) and returns the times and final weights. */
function run(variant) {
  const trainers = members(variant.kind);
  const cpu = process.cpuUsage();
  const start = performance.now();
  variant.train(trainers);
  const wall = performance.now() - start;
  return { wall, cpu: process.cpuUsage(cpu).user / 1000, weights: trainers.map((member) => member.params) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sameBits = (a, b) => a.every((values, m) => values.every((v, i) => Object.is(v, b[m][i])));

for (const variant of variants) run(variant); // warm-up: compile and optimise every path once
const results = variants.map(() => ({ wall: [], cpu: [], weights: null }));
for (let r = 0; r < RUNS; r++) {
  variants.forEach((variant, v) => {
    const { wall, cpu, weights: trained } = run(variant);
    results[v].wall.push(wall);
    results[v].cpu.push(cpu);
    results[v].weights = trained;
  });
}

const seconds = (ms) => (ms / 1000).toFixed(3);
const baseline = median(results[0].cpu);
console.log(
  `seed workload: ${spec.members} members × ${spec.epochs} epochs × ${data.n} points, one thread, median of ${RUNS}`,
);
variants.forEach((variant, v) => {
  const { wall, cpu } = results[v];
  const perEpoch = (median(cpu) * 1000) / (spec.members * spec.epochs);
  console.log(
    `  ${variant.name.padEnd(30)} wall ${seconds(median(wall))} s  cpu ${seconds(median(cpu))} s` +
      `  (${perEpoch.toFixed(1)} µs per member-epoch, ×${(baseline / median(cpu)).toFixed(2)} by cpu)` +
      `  wall runs: ${wall.map(seconds).join(" ")}`,
  );
});
const identical = results.every(({ weights: trained }) => sameBits(trained, results[0].weights));
console.log(`  final weights identical across variants: ${identical}`);
if (!identical) process.exitCode = 1;
