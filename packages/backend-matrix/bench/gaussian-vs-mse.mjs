#!/usr/bin/env node
/**
 * Times the seed training workload (9 members × 3000 full-batch Adam epochs × 100 points,
 * 1 → 16 → 16 → out ELU, β = 3) on one thread with the WebAssembly trainer, once with the "mse"
 * head and once with the "gaussian" head (two outputs per network, softplus variance, NLL), runs
 * interleaved so a busy machine slows both alike. Prints the median wall and CPU seconds of each
 * and the Gaussian/MSE ratio (docs/heads.md states the target: within 1.3×).
 *
 * Runs against the built package: `pnpm --filter @rpf/backend-matrix bench:heads` (RUNS=n).
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
import { WasmMemberTrainer } from "../dist/wasm/wasm-member-trainer.js";

const RUNS = Number(process.env.RUNS ?? 5);
const toy = makeToyData({ n: 100 });
const data = { x: Float64Array.from(toy.x), y: Float64Array.from(toy.y), n: toy.n };

function train(head) {
  const spec = resolveEnsembleSpec({ members: 9, epochs: 3000, head });
  const params = initEnsembleParams(spec);
  const counts = paramCounts(spec);
  const weights = bootstrapWeights(spec, data.n);
  const prior = new DenseNetwork(priorMlp(spec), data.n);
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let m = 0; m < spec.members; m++) {
    const trainer = new WasmMemberTrainer(
      spec,
      params.trainable.subarray(m * counts.trainable, (m + 1) * counts.trainable),
      params.prior.subarray(m * counts.prior, (m + 1) * counts.prior),
      data.n,
    );
    trainer.preparePrior(data, prior);
    trainer.trainEpochs(
      data,
      weights.subarray(m * data.n, (m + 1) * data.n),
      spec.epochs,
      new Float64Array(spec.epochs),
    );
  }
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - wall) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = { mse: [], gaussian: [] };
for (let run = 0; run < RUNS; run++) for (const head of ["mse", "gaussian"]) samples[head].push(train(head));
const summary = Object.fromEntries(
  Object.entries(samples).map(([head, runs]) => [
    head,
    { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) },
  ]),
);
console.log(JSON.stringify(summary));
console.log(
  `gaussian / mse: wall ${(summary.gaussian.wall / summary.mse.wall).toFixed(3)}×, cpu ${(summary.gaussian.cpu / summary.mse.cpu).toFixed(3)}×`,
);
