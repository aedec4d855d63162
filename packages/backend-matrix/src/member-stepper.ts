import type { TrainingState } from "@rpf/core/backend";
import type { DenseNetwork } from "./dense-network.js";
import type { TrainingSet } from "./member-trainer.js";
import type { Numbers } from "./precision.js";

/**
 * What the matrix handle needs of one member's trainer. Two implement it: MemberTrainer (pure
 * TypeScript, the reference and fallback) and WasmMemberTrainer (the WebAssembly SIMD kernel),
 * which trains bit-identically to it.
 */
export interface MemberStepper {
  readonly maxBatch: number;
  /** The current trainable parameters (a view or a copy: read it, do not keep it). */
  readonly params: Numbers;
  readonly prior: Numbers;
  readonly stepCount: number;
  /**
   * Whether the next steps are mean warm-up (spec.meanWarmup, Gaussian head): the mean learns by
   * squared error and the variance outputs get no gradient. The handle sets it before each epoch.
   */
  meanOnly: boolean;
  preparePrior(data: TrainingSet, priorNetwork: DenseNetwork): void;
  /**
   * preparePrior for `data` whose first `from` rows are the rows of the set prepared last (the
   * prior's outputs on them are kept): only the rows after them go through the prior.
   */
  extendPrior(data: TrainingSet, priorNetwork: DenseNetwork, from: number): void;
  step(data: TrainingSet, weights: Float32Array, order: Uint32Array | null, from: number, count: number): number;
  loss(data: TrainingSet, weights: Float32Array): number;
  writeState(trainable: Float64Array, slots: readonly Float64Array[], offset: number): void;
  readState(state: TrainingState, offset: number): void;
  /** Frees what the member holds outside the JavaScript heap (a wasm kernel instance). */
  dispose(): void;
}
