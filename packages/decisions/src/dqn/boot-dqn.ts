import { foldIn, keyFromSeed, type RandomKey, randomIntegers, uniform53 } from "@rpf/core/random";
import { type DeepSea, writeObservation } from "../deep-sea/deep-sea.js";
import { QEnsemble } from "./q-ensemble.js";
import { ReplayBuffer } from "./replay-buffer.js";

/** The settings of bootstrapped DQN with randomized priors; one setup serves every arm of an experiment. */
export interface BootDqnSettings {
  /** Ensemble members K. */
  readonly members: number;
  /** β, the prior's scale; 0 gives bootstrapped DQN without priors. */
  readonly priorScale: number;
  /** Hidden widths of the trainable and prior networks. */
  readonly hiddenSizes: readonly number[];
  /** Adam's step size. */
  readonly learningRate: number;
  /** γ, the discount of TD targets. */
  readonly discount: number;
  /**
   * Transitions per optimiser step: the last episode's N transitions (combined experience replay,
   * Zhang & Sutton 2017, so what was just seen is learned at once) and the rest drawn uniformly
   * from the replay buffer.
   */
  readonly batchSize: number;
  /** Optimiser steps after each episode. */
  readonly stepsPerEpisode: number;
  /** Optimiser steps between refreshes of the target ensemble. */
  readonly targetUpdateEvery: number;
  /** The probability that a member trains on a transition (its bootstrap mask). */
  readonly maskProbability: number;
}

/** What one episode did. */
export interface EpisodeResult {
  readonly return: number;
  /** The episode left the diagonal (bsuite's "bad episode"): it could no longer reach the treasure. */
  readonly bad: boolean;
  /** The member that acted (Thompson sampling: one per episode). */
  readonly member: number;
}

const PURPOSE = { member: 1, mask: 2, batch: 3 } as const;

/**
 * Bootstrapped DQN with randomized prior functions (Osband, Aslanides & Cassirer 2018, §5 and
 * Appendix; Osband et al. 2016 for bootstrapped DQN) on DeepSea: K Q-networks, each the sum of a
 * trainable net and β times a fixed random prior net; every transition carries a Bernoulli mask
 * saying which members learn from it; member k learns from TD targets r + γ max_a Q̄_k(s', a) of
 * its own member in a target ensemble that is refreshed every `targetUpdateEvery` optimiser steps;
 * each episode acts greedily on one member drawn uniformly (Thompson sampling).
 * @throws {InvalidArgumentError} for a seed that is not a whole number in [0, 2^32) (keyFromSeed).
 */
export class BootstrappedDqn {
  private readonly replay: ReplayBuffer;
  private readonly root: RandomKey;
  private episodes = 0;
  private optimiserSteps = 0;

  private constructor(
    readonly size: number,
    readonly settings: BootDqnSettings,
    private readonly online: QEnsemble,
    private target: QEnsemble,
    seed: number,
  ) {
    this.replay = new ReplayBuffer(settings.members);
    this.root = keyFromSeed(seed);
  }

  /**
   * A fresh agent for DeepSea of size `size`; `seed` decides every random draw of the agent.
   * @throws {InvalidArgumentError | ShapeError | UnsupportedError | BackendUnavailableError} when rpf cannot create the ensemble (settings outside what the spec accepts, no backend): Ensemble.create says which.
   */
  static async create(size: number, settings: BootDqnSettings, seed: number): Promise<BootstrappedDqn> {
    const online = await QEnsemble.create({
      members: settings.members,
      seed,
      inputSize: size * size,
      outputSize: 2,
      priorScale: settings.priorScale,
      trainable: { hiddenSizes: [...settings.hiddenSizes] },
      optimizer: { kind: "adam", learningRate: settings.learningRate },
      bootstrap: { kind: "none" },
      epochs: 1,
    });
    return new BootstrappedDqn(size, settings, online, await online.snapshot(), seed);
  }

  /**
   * Plays one episode of `env` with one sampled member, then trains.
   * @throws {InvalidArgumentError} once disposed, or for an environment of another size.
   * @throws {ShapeError | DataError | DivergenceError | NonFiniteOutputError | UnsupportedError | BackendUnavailableError | AbortedError} when rpf refuses or fails the training (a diverged run, a backend fault): Ensemble.create, fit and predict say which.
   */
  async runEpisode(env: DeepSea): Promise<EpisodeResult> {
    const { members, maskProbability } = this.settings;
    const n = this.size;
    const episode = this.episodes++;
    const member = this.online.sampleMember(foldIn(foldIn(this.root, PURPOSE.member), episode));
    const observation = new Float32Array(n * n);
    let state: number | null = env.reset();
    let total = 0;
    const mask = new Uint8Array(members);
    while (state !== null) {
      writeObservation(n, state, observation);
      const values = await this.online.predictMember(member, observation);
      const action = values[1]! > values[0]! ? 1 : 0;
      const step = env.step(action);
      total += step.reward;
      const draws = uniform53(foldIn(foldIn(this.root, PURPOSE.mask), this.replay.size), members);
      for (let k = 0; k < members; k++) mask[k] = draws[k]! < maskProbability ? 1 : 0;
      this.replay.add(state, action, step.reward, step.state ?? -1, mask);
      state = step.state;
    }
    for (let s = 0; s < this.settings.stepsPerEpisode; s++) await this.optimiserStep();
    return { return: total, bad: env.badEpisode, member };
  }

  private async optimiserStep(): Promise<void> {
    const { members, batchSize, discount } = this.settings;
    const n = this.size;
    const cells = n * n;
    const step = this.optimiserSteps++;
    const recent = Math.min(n, batchSize);
    const rows = randomIntegers(foldIn(foldIn(this.root, PURPOSE.batch), step), batchSize, this.replay.size);
    for (let i = 0; i < recent; i++) rows[i] = this.replay.size - recent + i;
    const x = new Float32Array(batchSize * cells);
    const next = new Float32Array(batchSize * cells);
    rows.forEach((row, i) => {
      writeObservation(n, this.replay.state(row), x, i * cells);
      const nextState = this.replay.nextState(row);
      // The end of an episode has no next state; its row is ignored below.
      if (nextState >= 0) writeObservation(n, nextState, next, i * cells);
    });
    const [current, future] = await Promise.all([this.online.predictAll(x), this.target.predictAll(next)]);
    // Start from each member's own outputs: a residual of 0 leaves what a transition does not teach untouched.
    const targets = current.slice();
    for (let k = 0; k < members; k++) {
      for (let i = 0; i < batchSize; i++) {
        const row = rows[i]!;
        if (!this.replay.masked(row, k)) continue;
        const at = (k * batchSize + i) * 2;
        const nextState = this.replay.nextState(row);
        const bootstrap = nextState >= 0 ? discount * Math.max(future[at]!, future[at + 1]!) : 0;
        targets[at + this.replay.action(row)] = this.replay.reward(row) + bootstrap;
      }
    }
    await this.online.train(x, targets);
    if ((step + 1) % this.settings.targetUpdateEvery === 0) {
      const old = this.target;
      this.target = await this.online.snapshot();
      await old.dispose();
    }
  }

  /** Releases both ensembles. */
  async dispose(): Promise<void> {
    await Promise.all([this.online.dispose(), this.target.dispose()]);
  }
}
