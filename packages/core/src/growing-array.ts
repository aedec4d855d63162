/**
 * A typed array that grows at its end, with spare room that at least doubles when it runs out:
 * n appends of a few values each copy O(n) values in all, where joining old and new values on
 * every append copies O(n²). The values so far are a view of the store (`values`); a view taken
 * earlier keeps reading the same values, since appends only write past its end or move to a new
 * store. Ensemble.update and backend-matrix's appendTraining keep their growing rows in these.
 */
export class GrowingArray<T extends Float32Array | Float64Array> {
  private store: T;
  private used = 0;

  /** @param make allocates a zeroed array of the given length, of the kind the values are kept in. */
  constructor(
    private readonly make: (length: number) => T,
    initial?: ArrayLike<number>,
  ) {
    this.store = make(initial?.length ?? 0);
    if (initial) this.append(initial);
  }

  /** How many values it holds. */
  get length(): number {
    return this.used;
  }

  /** The values so far, [length]: a view of the store, not a copy. */
  get values(): T {
    return this.store.subarray(0, this.used) as T;
  }

  /** Appends `values` (copied, rounded to the store's kind). */
  append(values: ArrayLike<number>): void {
    this.extend(values.length).set(values);
  }

  /**
   * Drops the values from `length` on (the values of a failed append). Views taken before of
   * values past `length` may change at the next append; those of the first `length` do not.
   */
  truncate(length: number): void {
    this.used = Math.min(this.used, length);
  }

  /** Appends room for `count` values and returns it as a view, for the caller to fill in place. */
  extend(count: number): T {
    const needed = this.used + count;
    if (needed > this.store.length) {
      const store = this.make(Math.max(needed, 2 * this.store.length));
      store.set(this.values);
      this.store = store;
    }
    const added = this.store.subarray(this.used, needed) as T;
    this.used = needed;
    return added;
  }
}
