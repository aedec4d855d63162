import type { Dataset } from "../data/dataset.js";
import { GrowingArray } from "../growing-array.js";

/**
 * a's rows followed by b's in every block of [blocks, rows, width] arrays: [blocks, aRows + bRows, width].
 */
export function concatenateBlocks(
  a: Float32Array,
  aRows: number,
  b: Float32Array,
  bRows: number,
  blocks: number,
  width: number,
): Float32Array {
  const rows = aRows + bRows;
  const out = new Float32Array(blocks * rows * width);
  for (let k = 0; k < blocks; k++) {
    out.set(a.subarray(k * aRows * width, (k + 1) * aRows * width), k * rows * width);
    out.set(b.subarray(k * bRows * width, (k + 1) * bRows * width), (k * rows + aRows) * width);
  }
  return out;
}

const float32 = (length: number) => new Float32Array(length);

/** The stores HeldRows share along a run of updates. */
interface RowStores {
  readonly x: GrowingArray<Float32Array>;
  readonly y: GrowingArray<Float32Array>;
  /** One per member, [n] each. */
  readonly weights: readonly GrowingArray<Float32Array>[];
}

/**
 * The (standardised) training set an ensemble holds for Ensemble.update, and each member's example
 * weights, in stores that grow at their ends (GrowingArray): appending rows copies only those,
 * whatever the rows held. `data` is views of the stores, except per-member targets, whose
 * [members, n, outputSize] layout cannot grow in place: they are joined anew at each append.
 * The weights, [members, n] in a fit request, are joined only when asked for (`weights`).
 */
export class HeldRows {
  private constructor(
    private readonly stores: RowStores,
    /** The rows held: n of them. */
    readonly data: Dataset,
  ) {}

  /** Copies of a fit's data and its weights [members, n]: what the ensemble holds must not change when the caller's arrays do. */
  static of(data: Dataset, weights: Float32Array, members: number): HeldRows {
    const stores: RowStores = {
      x: new GrowingArray(float32, data.x),
      y: new GrowingArray(float32, data.y),
      weights: Array.from(
        { length: members },
        (_, m) => new GrowingArray(float32, weights.subarray(m * data.n, (m + 1) * data.n)),
      ),
    };
    return new HeldRows(stores, {
      ...data,
      x: stores.x.values,
      y: stores.y.values,
      ...(data.yByMember ? { yByMember: data.yByMember.slice() } : {}),
    });
  }

  /** Every member's example weights, [members, n]: a joined copy. */
  weights(): Float32Array {
    const n = this.data.n;
    const out = new Float32Array(this.stores.weights.length * n);
    this.stores.weights.forEach((weights, m) => {
      out.set(weights.values, m * n);
    });
    return out;
  }

  /**
   * These rows followed by `rows`, with `weights` [members, rows.n] for them. The caller has
   * checked that both have the same widths, and per-member targets both or neither. This object
   * stays valid: a later append from it first drops what a failed one left in the stores.
   */
  append(rows: Dataset, weights: Float32Array): HeldRows {
    const { x, y, weights: memberWeights } = this.stores;
    const { n, inputSize, outputSize, yByMember } = this.data;
    x.truncate(n * inputSize);
    y.truncate(n * outputSize);
    x.append(rows.x);
    y.append(rows.y);
    memberWeights.forEach((store, m) => {
      store.truncate(n);
      store.append(weights.subarray(m * rows.n, (m + 1) * rows.n));
    });
    return new HeldRows(this.stores, {
      x: x.values,
      y: y.values,
      n: n + rows.n,
      inputSize,
      outputSize,
      ...(yByMember && rows.yByMember
        ? { yByMember: concatenateBlocks(yByMember, n, rows.yByMember, rows.n, memberWeights.length, outputSize) }
        : {}),
    });
  }
}
