/**
 * The bad-episode fraction under which an agent counts as having learned DeepSea: bsuite's
 * deep_sea analysis plots "episodes until < 90% bad episodes".
 */
export const LEARNED_BAD_FRACTION = 0.9;

/**
 * bsuite's learning criterion for DeepSea, written down exactly: an episode is bad when it moves
 * left on the diagonal (row = column), after which the treasure is out of reach; the agent has
 * learned at the first episode e (1-based) where (bad episodes among episodes 1..e) / e < 0.9.
 * A uniformly random policy has a bad fraction near 1 − 2^−N, so for N ≥ 4 it does not meet the
 * criterion except by an early lucky run.
 */
export class LearningCriterion {
  private episodes = 0;
  private bad = 0;
  private learned: number | null = null;

  /** Records the next episode; returns true once the criterion has been met (at this or an earlier episode). */
  record(badEpisode: boolean): boolean {
    this.episodes += 1;
    if (badEpisode) this.bad += 1;
    if (this.learned === null && this.bad < LEARNED_BAD_FRACTION * this.episodes) this.learned = this.episodes;
    return this.learned !== null;
  }

  /** The episode at which the criterion was first met, or null. */
  get learnedAt(): number | null {
    return this.learned;
  }

  /** Bad episodes / episodes so far (1 before any episode). */
  get badFraction(): number {
    return this.episodes === 0 ? 1 : this.bad / this.episodes;
  }
}
