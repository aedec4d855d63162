import { matrixBackend } from "@rpf/backend-matrix";
import { createDataset, Ensemble } from "@rpf/core";
import { foldIn, keyFromSeed, type RandomKey, uniform53 } from "@rpf/core/random";
import type { BanditAgent } from "./bandit-agent.js";
import { WHEEL_ACTIONS } from "./wheel-bandit.js";

/** The one setup of every ensemble agent on the wheel: the network, its training and its schedule. */
export interface EnsembleBanditSettings {
  readonly members: number;
  /** β, the prior's scale (the β = 0 arm sets 0 and changes nothing else). */
  readonly priorScale: number;
  readonly hiddenSizes: readonly number[];
  readonly learningRate: number;
  /** Minibatch size of the updates. */
  readonly batchSize: number;
  /**
   * Steps between training rounds (the showdown's t_f): the rows of those steps are appended with
   * Ensemble.update, which then trains `epochsPerUpdate` epochs.
   */
  readonly trainEvery: number;
  /** Passes over all rows seen so far in each training round (minibatches of `batchSize`). */
  readonly epochsPerUpdate: number;
  /**
   * Rounds of every action in turn before the policy acts (the showdown's initial pulls): the
   * first `initialPulls` × 5 steps take action t mod 5.
   */
  readonly initialPulls: number;
}

/** How an ensemble agent acts: Thompson sampling on one member, or ε-greedy on the mean. */
export type EnsemblePolicy =
  | { readonly kind: "thompson" }
  | { readonly kind: "epsilon-greedy"; readonly epsilon: number };

/** Input features of (context, action): x1, x2 and the action one-hot; the network predicts its reward. */
const FEATURES = 2 + WHEEL_ACTIONS;

function writeFeatures(x1: number, x2: number, out: Float32Array): void {
  out.fill(0);
  for (let a = 0; a < WHEEL_ACTIONS; a++) {
    out[a * FEATURES] = x1;
    out[a * FEATURES + 1] = x2;
    out[a * FEATURES + 2 + a] = 1;
  }
}

function argmax(values: ArrayLike<number>, from: number, count: number): number {
  let best = 0;
  for (let a = 1; a < count; a++) if (values[from + a]! > values[from + best]!) best = a;
  return best;
}

/**
 * A bandit agent on an rpf ensemble that predicts the reward of (context, action). Thompson
 * sampling draws one member per step and takes its best action (Osband, Aslanides & Cassirer
 * 2018, §2: an ensemble with randomized priors as an approximate posterior); ε-greedy takes the
 * ensemble mean's best action, or a uniform one with probability ε.
 * @throws {InvalidArgumentError} for a seed that is not a whole number in [0, 2^32) (keyFromSeed).
 */
export class EnsembleBanditAgent implements BanditAgent {
  private readonly key: RandomKey;
  private readonly features = new Float32Array(WHEEL_ACTIONS * FEATURES);
  /** The rows observed since the last training round, appended at the next. */
  private xs: number[] = [];
  private ys: number[] = [];
  private trained = false;

  private constructor(
    readonly name: string,
    private readonly ensemble: Ensemble,
    private readonly policy: EnsemblePolicy,
    private readonly settings: EnsembleBanditSettings,
    seed: number,
  ) {
    this.key = keyFromSeed(seed);
  }

  /**
   * A fresh agent; `seed` decides the ensemble's initial weights and the agent's draws.
   * @throws {InvalidArgumentError | ShapeError | UnsupportedError | BackendUnavailableError} when rpf cannot create the ensemble (settings outside what the spec accepts, no backend): Ensemble.create says which.
   */
  static async create(
    name: string,
    policy: EnsemblePolicy,
    settings: EnsembleBanditSettings,
    seed: number,
  ): Promise<EnsembleBanditAgent> {
    const ensemble = await Ensemble.create(
      {
        members: settings.members,
        inputSize: FEATURES,
        outputSize: 1,
        priorScale: settings.priorScale,
        trainable: { hiddenSizes: [...settings.hiddenSizes] },
        optimizer: { kind: "adam", learningRate: settings.learningRate },
        batchSize: settings.batchSize,
        bootstrap: { kind: "poisson" },
        epochs: settings.epochsPerUpdate,
        seed,
      },
      { backend: matrixBackend },
    );
    return new EnsembleBanditAgent(name, ensemble, policy, settings, seed);
  }

  /**
   * The action for (x1, x2) at step t: Thompson sampling or ε-greedy (see the class).
   * @throws {InvalidArgumentError} once disposed.
   * @throws {ShapeError | DataError | NonFiniteOutputError} when rpf refuses the prediction (a non-finite context or output).
   */
  async choose(x1: number, x2: number, t: number): Promise<number> {
    if (t < this.settings.initialPulls * WHEEL_ACTIONS) return t % WHEEL_ACTIONS;
    writeFeatures(x1, x2, this.features);
    const key = foldIn(this.key, t);
    if (this.policy.kind === "thompson") {
      const member = this.ensemble.sampleMember(key);
      return argmax((await this.ensemble.predictMember(member, this.features)).mean, 0, WHEEL_ACTIONS);
    }
    const [explore, pick] = uniform53(key, 2);
    if (explore! < this.policy.epsilon || !this.trained) return Math.floor(pick! * WHEEL_ACTIONS);
    return argmax((await this.ensemble.predict(this.features)).mean, 0, WHEEL_ACTIONS);
  }

  /**
   * Records the reward of step t; every `trainEvery` steps appends the rows since the last round
   * with Ensemble.update and trains `epochsPerUpdate` epochs on every row so far, continuing
   * Adam's state. Holding the rows until then changes no decision: an update of 0 epochs per step
   * would leave the weights as they are, and update's data and bootstrap weights do not depend on
   * how the rows arrive in chunks.
   * @throws {InvalidArgumentError} once disposed.
   * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | AbortedError} when rpf refuses or fails the training (a diverged run, a backend fault): Ensemble.update says which.
   */
  async observe(x1: number, x2: number, action: number, reward: number, t: number): Promise<void> {
    const row = new Array<number>(FEATURES).fill(0);
    row[0] = x1;
    row[1] = x2;
    row[2 + action] = 1;
    this.xs.push(...row);
    this.ys.push(reward);
    if ((t + 1) % this.settings.trainEvery !== 0) return;
    const rows = createDataset(this.xs, this.ys, FEATURES, 1);
    this.xs = [];
    this.ys = [];
    await this.ensemble.update(rows, { epochs: this.settings.epochsPerUpdate });
    this.trained = true;
  }

  /**
   * Every member's predicted reward of each action in context (x1, x2): [members][5], in reward
   * units. For diagnostics: how far the members disagree where they have no data (ring-probe.ts).
   * @throws {InvalidArgumentError} once disposed.
   * @throws {ShapeError | DataError | NonFiniteOutputError} when rpf refuses the prediction (a non-finite context or output).
   */
  async memberRewards(x1: number, x2: number): Promise<Float32Array[]> {
    writeFeatures(x1, x2, this.features);
    const rewards: Float32Array[] = [];
    for (let m = 0; m < this.settings.members; m++) {
      rewards.push(Float32Array.from((await this.ensemble.predictMember(m, this.features)).mean));
    }
    return rewards;
  }

  async dispose(): Promise<void> {
    await this.ensemble.dispose();
  }
}
