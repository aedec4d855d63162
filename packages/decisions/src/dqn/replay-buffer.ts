/**
 * The transitions an agent has seen, each with its bootstrap mask: which members train on it.
 * States are DeepSea cell indices; a next state of −1 marks the end of an episode.
 */
export class ReplayBuffer {
  private states: Int32Array;
  private actions: Uint8Array;
  private rewards: Float32Array;
  private nextStates: Int32Array;
  private masks: Uint8Array;
  private count = 0;

  constructor(
    readonly members: number,
    initialCapacity = 1024,
  ) {
    this.states = new Int32Array(initialCapacity);
    this.actions = new Uint8Array(initialCapacity);
    this.rewards = new Float32Array(initialCapacity);
    this.nextStates = new Int32Array(initialCapacity);
    this.masks = new Uint8Array(initialCapacity * members);
  }

  /** Transitions stored. */
  get size(): number {
    return this.count;
  }

  /** Appends one transition; `mask` [members] holds 1 for each member that trains on it. */
  add(state: number, action: number, reward: number, nextState: number, mask: Uint8Array): void {
    if (this.count === this.states.length) this.grow();
    const i = this.count++;
    this.states[i] = state;
    this.actions[i] = action;
    this.rewards[i] = reward;
    this.nextStates[i] = nextState;
    this.masks.set(mask, i * this.members);
  }

  state(i: number): number {
    return this.states[i]!;
  }
  action(i: number): number {
    return this.actions[i]!;
  }
  reward(i: number): number {
    return this.rewards[i]!;
  }
  /** The next state, or −1 after the last step of an episode. */
  nextState(i: number): number {
    return this.nextStates[i]!;
  }
  /** Whether member `member` trains on transition `i`. */
  masked(i: number, member: number): boolean {
    return this.masks[i * this.members + member] === 1;
  }

  private grow(): void {
    const capacity = this.states.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float32Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.states = grown(this.states, capacity);
    this.actions = grown(this.actions, capacity);
    this.rewards = grown(this.rewards, capacity);
    this.nextStates = grown(this.nextStates, capacity);
    this.masks = grown(this.masks, capacity * this.members);
  }
}
