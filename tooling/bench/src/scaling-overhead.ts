import { chooseEpochs, openEnsemble, type TimingPlan, timeFitWithCpu, toyData } from "./scaling-measure.js";
import type { ScalingSize } from "./scaling-sweeps.js";
import { summarize, type Timing } from "./stats.js";

/**
 * What one `fit` call costs beyond its epochs (core's bootstrap draw, the backend's pass of the
 * prior over the training set and its final-loss pass, worker messages), measured by comparing
 * one call of K epochs with K calls of one epoch.
 */
export interface CallOverhead {
  readonly size: ScalingSize;
  readonly threads: number;
  /** K: epochs in the long call, and the number of one-epoch calls. */
  readonly epochs: number;
  readonly secondsPerEpoch: Timing;
  readonly secondsPerCall: Timing;
  /** The same two numbers in process CPU seconds (all threads; medians of the repeats). */
  readonly cpuSecondsPerEpoch: number;
  readonly cpuSecondsPerCall: number;
}

/** Splits one call's a + K·e and K calls' K·a + K·e into a = (many − one) / (K − 1), e = (one − a) / K. */
function split(one: number, many: number, epochs: number): { perCall: number; perEpoch: number } {
  const perCall = (many - one) / (epochs - 1);
  return { perCall, perEpoch: (one - perCall) / epochs };
}

export async function measureCallOverhead(size: ScalingSize, threads: number, plan: TimingPlan): Promise<CallOverhead> {
  const data = toyData(size.points);
  const ensemble = await openEnsemble(size, threads);
  try {
    const epochs = Math.max(2, await chooseEpochs(ensemble, data, plan.targetSeconds));
    const wall = { perCall: [] as number[], perEpoch: [] as number[] };
    const cpu = { perCall: [] as number[], perEpoch: [] as number[] };
    for (let r = 0; r < plan.repeats; r++) {
      const one = await timeFitWithCpu(ensemble, data, epochs);
      const many = { seconds: 0, cpuSeconds: 0 };
      for (let k = 0; k < epochs; k++) {
        const single = await timeFitWithCpu(ensemble, data, 1);
        many.seconds += single.seconds;
        many.cpuSeconds += single.cpuSeconds;
      }
      const w = split(one.seconds, many.seconds, epochs);
      const c = split(one.cpuSeconds, many.cpuSeconds, epochs);
      wall.perCall.push(w.perCall);
      wall.perEpoch.push(w.perEpoch);
      cpu.perCall.push(c.perCall);
      cpu.perEpoch.push(c.perEpoch);
    }
    return {
      size,
      threads,
      epochs,
      secondsPerEpoch: summarize(wall.perEpoch),
      secondsPerCall: summarize(wall.perCall),
      cpuSecondsPerEpoch: summarize(cpu.perEpoch).median,
      cpuSecondsPerCall: summarize(cpu.perCall).median,
    };
  } finally {
    await ensemble.dispose();
  }
}
