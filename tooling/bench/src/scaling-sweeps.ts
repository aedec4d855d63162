/** The size of one training run in the scaling study: two hidden layers of `width`, full batch. */
export interface ScalingSize {
  readonly members: number;
  readonly points: number;
  readonly width: number;
}

export type SweepParameter = keyof ScalingSize;

/** One configuration to time: a size, the sweep it belongs to, and the worker threads it may use. */
export interface ScalingConfig extends ScalingSize {
  /** The plotted series, e.g. "members, 2 threads". */
  readonly series: string;
  readonly sweep: SweepParameter;
  readonly threads: number;
}

/** The point every sweep passes through: each sweep varies one of these and holds the others. */
export const BASE: ScalingSize = { members: 4, points: 1000, width: 32 };

const FULL_VALUES: Record<SweepParameter, readonly number[]> = {
  members: [1, 2, 4, 8, 16, 32, 64],
  points: [100, 300, 1000, 3000, 10000, 30000, 100000],
  width: [16, 32, 64, 128, 256],
};

/** The smoke run: the same shape of study in a few configurations per sweep. */
const QUICK_VALUES: Record<SweepParameter, readonly number[]> = {
  members: [1, 4, 16],
  points: [100, 1000, 10000],
  width: [16, 32, 64],
};

/** Work the model charges for a size: members × points × width² (lower-order terms left out). */
export function workUnits(size: ScalingSize): number {
  return size.members * size.points * size.width ** 2;
}

function seriesName(sweep: SweepParameter, threads: number): string {
  return `${sweep}, ${threads} thread${threads === 1 ? "" : "s"}`;
}

function sweep(parameter: SweepParameter, values: readonly number[], threads: number): ScalingConfig[] {
  const series = seriesName(parameter, threads);
  return values.map((value) => ({ ...BASE, [parameter]: value, sweep: parameter, series, threads }));
}

/**
 * Every configuration, in run order: the three sweeps on all cores, then the members sweep again
 * on one thread (the "cores" view; skipped when the machine has only one core).
 */
export function scalingConfigs(quick: boolean, cores: number): ScalingConfig[] {
  const values = quick ? QUICK_VALUES : FULL_VALUES;
  const all = (["members", "points", "width"] as const).flatMap((p) => sweep(p, values[p], cores));
  return cores > 1 ? [...all, ...sweep("members", values.members, 1)] : all;
}
