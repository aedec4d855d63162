/** Milliseconds spent in a handle's calls: a fit's `seconds` count them and not the caller's callbacks. */
export class HandleClock {
  ms = 0;

  /** Runs `work`, adding its duration (even when it throws). */
  async timed<T>(work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.ms += performance.now() - started;
    }
  }
}
