/** A contextual bandit agent: chooses an action for a context, then learns from the reward. */
export interface BanditAgent {
  /** The agent's name in reports. */
  readonly name: string;
  /** The action for context (x1, x2) at step t (0-based). */
  choose(x1: number, x2: number, t: number): Promise<number>;
  /** The reward of the action chosen at step t. */
  observe(x1: number, x2: number, action: number, reward: number, t: number): Promise<void>;
  /** Releases what the agent holds. */
  dispose(): Promise<void>;
}
