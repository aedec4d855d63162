import { loadavg } from "node:os";
import { createParallelMatrixBackend } from "@rpf/backend-matrix/node";
import { type Dataset, Ensemble, makeToyData } from "@rpf/core";
import type { ScalingSize } from "./scaling-sweeps.js";
import { summarize, type Timing } from "./stats.js";

/** How long each timed fit should take, and how many are timed. */
export interface TimingPlan {
  readonly targetSeconds: number;
  readonly repeats: number;
}

export interface ScalingMeasurement {
  /** Epochs in each timed fit, chosen from the warm-up so a fit takes about targetSeconds. */
  readonly epochs: number;
  /**
   * Marginal seconds per epoch, (time of a 2·epochs fit − time of an epochs fit) / epochs, so the
   * per-call work of `fit` (copying the data, the prior pass, the final loss) cancels: median and
   * min–max of the repeats.
   */
  readonly secondsPerEpoch: Timing;
  /**
   * CPU seconds per epoch of the whole process, worker threads included (median of the repeats):
   * unlike wall time, barely moved by other processes competing for the cores.
   */
  readonly cpuSecondsPerEpoch: number;
  /** The 1-minute load average before and after: other processes on the machine skew timings. */
  readonly loadAverage: readonly [number, number];
}

/** The network: two hidden layers of `width`, ELU, full batch, Adam (defaults otherwise). */
export async function openEnsemble(size: ScalingSize, threads: number): Promise<Ensemble> {
  return Ensemble.create(
    {
      members: size.members,
      trainable: { hiddenSizes: [size.width, size.width], activation: "elu" },
      optimizer: { kind: "adam" },
      batchSize: null,
      seed: 0,
    },
    { backend: createParallelMatrixBackend(threads) },
  );
}

export function toyData(points: number): Dataset {
  return makeToyData({ seed: 0, n: points });
}

/** Wall seconds of one `fit` call of `epochs` epochs (training continues where it stopped). */
export async function timeFit(ensemble: Ensemble, data: Dataset, epochs: number): Promise<number> {
  return (await timeFitWithCpu(ensemble, data, epochs)).seconds;
}

/** Wall and process CPU seconds (all threads) of one `fit` call. */
export async function timeFitWithCpu(
  ensemble: Ensemble,
  data: Dataset,
  epochs: number,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  // No progress is wanted; left at its default (epochs / 100), progressEvery would also cap the
  // threaded backend's chunks at one epoch for fits of 100 epochs or fewer, each chunk redoing the
  // prior pass and final loss: a cost of short timed fits that long training runs do not pay.
  await ensemble.fit(data, { epochs, progressEvery: epochs });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/**
 * Epochs per timed fit. A first one-epoch fit only warms up (the JIT, on the worker threads too,
 * is cold and makes it several times slower); then fits grow until one takes a quarter of the
 * target, so the per-epoch estimate is not just the per-call cost of a tiny fit.
 */
export async function chooseEpochs(ensemble: Ensemble, data: Dataset, targetSeconds: number): Promise<number> {
  if ((await timeFit(ensemble, data, 1)) >= targetSeconds) return 1;
  let epochs = 1;
  for (;;) {
    const seconds = await timeFit(ensemble, data, epochs);
    if (seconds >= targetSeconds / 4) return Math.max(1, Math.round((targetSeconds * epochs) / seconds));
    epochs *= Math.min(8, Math.max(2, Math.ceil(targetSeconds / 4 / Math.max(seconds, 1e-4))));
  }
}

/** Times one size on `threads` worker threads: warm-up, then `repeats` pairs of fits (epochs, 2·epochs). */
export async function measureSize(size: ScalingSize, threads: number, plan: TimingPlan): Promise<ScalingMeasurement> {
  const loadBefore = loadavg()[0]!;
  const data = toyData(size.points);
  const ensemble = await openEnsemble(size, threads);
  try {
    const epochs = await chooseEpochs(ensemble, data, plan.targetSeconds);
    const perEpoch: number[] = [];
    const cpuPerEpoch: number[] = [];
    for (let r = 0; r < plan.repeats; r++) {
      const short = await timeFitWithCpu(ensemble, data, epochs);
      const long = await timeFitWithCpu(ensemble, data, 2 * epochs);
      perEpoch.push((long.seconds - short.seconds) / epochs);
      cpuPerEpoch.push((long.cpuSeconds - short.cpuSeconds) / epochs);
    }
    return {
      epochs,
      secondsPerEpoch: summarize(perEpoch),
      cpuSecondsPerEpoch: summarize(cpuPerEpoch).median,
      loadAverage: [loadBefore, loadavg()[0]!],
    };
  } finally {
    await ensemble.dispose();
  }
}
