import { kernelDescription } from "@rpf/backend-matrix";
import { describeMachine } from "./machine.js";
import { analyseScaling, type MeasuredConfig } from "./scaling-analysis.js";
import { measureSize, type TimingPlan } from "./scaling-measure.js";
import { type CallOverhead, measureCallOverhead } from "./scaling-overhead.js";
import { type ScalingReport, SETUP_NETWORK, setupBackend } from "./scaling-report.js";
import { BASE, scalingConfigs } from "./scaling-sweeps.js";

/** Measures every configuration and the per-call cost, then fits the model: the whole report. */
export async function runScalingStudy(quick: boolean, cores: number, plan: TimingPlan): Promise<ScalingReport> {
  const started = performance.now();
  const configs = scalingConfigs(quick, cores);
  const measured: MeasuredConfig[] = [];
  for (const [index, config] of configs.entries()) {
    const measurement = await measureSize(config, config.threads, plan);
    measured.push({ ...config, ...measurement });
    const { median, min, max } = measurement.secondsPerEpoch;
    process.stderr.write(
      `[${index + 1}/${configs.length}] ${config.series}: ${config.members} × ${config.points} × ${config.width}: ${median.toPrecision(3)} s/epoch (${min.toPrecision(3)}–${max.toPrecision(3)}), ${measurement.epochs} epochs per fit\n`,
    );
  }
  const callOverhead: CallOverhead[] = [];
  for (const threads of new Set([1, cores])) {
    const overhead = await measureCallOverhead(BASE, threads, plan);
    callOverhead.push(overhead);
    process.stderr.write(
      `per-call cost at the base point, ${threads} thread(s): ${overhead.secondsPerCall.median.toPrecision(3)} s per call, ${overhead.secondsPerEpoch.median.toPrecision(3)} s per epoch\n`,
    );
  }
  const { model, rows, exponents } = analyseScaling(measured, cores);
  return {
    date: new Date().toISOString().slice(0, 10),
    quick,
    durationSeconds: (performance.now() - started) / 1000,
    machine: describeMachine(),
    cores,
    setup: { backend: setupBackend(kernelDescription()), network: SETUP_NETWORK, base: BASE, timing: plan },
    model,
    exponents,
    callOverhead,
    results: rows,
  };
}
