import { InvalidArgumentError } from "@rpf/core";
import { foldIn, keyFromSeed, randomBits } from "@rpf/core/random";

/** The seed of the fixed left/right mapping of every DeepSea in rpf (bsuite fixes one too). */
export const DEEP_SEA_MAPPING_SEED = 42;

/** The cost of one move right, times N: the optimal episode returns 1 − this (bsuite's 0.01). */
export const DEEP_SEA_MOVE_COST = 0.01;

/** The largest size rpf accepts: the one-hot observation has N² entries. */
export const MAX_DEEP_SEA_SIZE = 64;

/** What one DeepSea step returned. */
export interface DeepSeaStep {
  /** The reward of this step: −0.01/N for moving right, +1 more for moving right in the bottom-right cell. */
  readonly reward: number;
  /** The state after the step (row · N + column), or null once the episode is over (after N steps). */
  readonly state: number | null;
}

/**
 * DeepSea (bsuite's `deep_sea`, Osband et al. 2019, deterministic version), a test of deep
 * exploration: an N×N grid where the agent starts in the top-left cell and every step moves one
 * row down and one column left or right (clipped at the walls), so an episode lasts N steps.
 * Moving right costs 0.01/N; moving right from the bottom-right cell pays 1 more. Only the
 * episode that moves right N times finds the treasure (return 0.99); a uniformly random policy
 * finds it once in 2^N episodes. Which of the two actions (0, 1) means "right" is drawn per cell
 * from a fixed seed, so no action is right everywhere.
 *
 * A state is the cell's index row · N + column; `observation` gives bsuite's one-hot grid.
 */
export class DeepSea {
  /** Per cell (row · N + column): the action index that moves right there. */
  private readonly rightActions: Uint8Array;
  private row = 0;
  private column = 0;
  private leftDiagonal = false;

  /**
   * @param size N, the grid's rows and columns: a whole number in [1, 64].
   * @param mappingSeed seeds the per-cell action mapping (core's Threefry keys); default DEEP_SEA_MAPPING_SEED.
   * @throws {InvalidArgumentError} for a size outside [1, 64] or a mapping seed that is not a whole number ≥ 0.
   */
  constructor(
    readonly size: number,
    mappingSeed = DEEP_SEA_MAPPING_SEED,
  ) {
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_DEEP_SEA_SIZE) {
      throw new InvalidArgumentError(
        `DeepSea size must be a whole number from 1 to ${MAX_DEEP_SEA_SIZE}, got ${size}`,
        {
          field: "size",
        },
      );
    }
    if (!Number.isSafeInteger(mappingSeed) || mappingSeed < 0 || mappingSeed > 0xffffffff) {
      throw new InvalidArgumentError(`the mapping seed must be a whole number from 0 to 2^32 − 1, got ${mappingSeed}`, {
        field: "mappingSeed",
      });
    }
    // One stream per size, so the mapping of N = 10 is not a corner of the mapping of N = 20.
    const bits = randomBits(foldIn(keyFromSeed(mappingSeed), size), size * size);
    this.rightActions = Uint8Array.from(bits, (b) => b & 1);
  }

  /** The action index that moves right in a state (row · N + column). */
  rightAction(state: number): number {
    return this.rightActions[state]!;
  }

  /** The best possible return of an episode: 1 − 0.01. */
  get optimalReturn(): number {
    return 1 - DEEP_SEA_MOVE_COST;
  }

  /** Starts an episode in the top-left cell; returns its state, 0. */
  reset(): number {
    this.row = 0;
    this.column = 0;
    this.leftDiagonal = false;
    return 0;
  }

  /**
   * True once the current episode has moved left on the diagonal (row = column): from then on
   * the treasure is out of reach. bsuite calls such an episode "bad".
   */
  get badEpisode(): boolean {
    return this.leftDiagonal;
  }

  /**
   * Takes action 0 or 1 in the current state.
   * @throws {InvalidArgumentError} for an action other than 0 or 1, or a step after the episode ended.
   */
  step(action: number): DeepSeaStep {
    if (action !== 0 && action !== 1) {
      throw new InvalidArgumentError(`a DeepSea action is 0 or 1, got ${action}`, { field: "action" });
    }
    const n = this.size;
    if (this.row >= n) throw new InvalidArgumentError("the episode is over: call reset()", { field: "action" });
    const right = action === this.rightActions[this.row * n + this.column];
    let reward = 0;
    if (right) {
      reward -= DEEP_SEA_MOVE_COST / n;
      if (this.column === n - 1) reward += 1;
      this.column = Math.min(this.column + 1, n - 1);
    } else {
      if (this.row === this.column) this.leftDiagonal = true;
      this.column = Math.max(this.column - 1, 0);
    }
    this.row += 1;
    return { reward, state: this.row < n ? this.row * n + this.column : null };
  }
}

/**
 * bsuite's observation of a state: the N×N grid, one-hot at the agent's cell, row-major, written
 * into `out` (length N²) at `offset`.
 */
export function writeObservation(size: number, state: number, out: Float32Array, offset = 0): void {
  out.fill(0, offset, offset + size * size);
  out[offset + state] = 1;
}
