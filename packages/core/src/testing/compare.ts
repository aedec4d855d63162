/**
 * Element-wise closeness: |actual - expected| <= rtol·scale + atol, where scale is |expected|, or
 * the magnitude of the terms that were summed to make it when that is larger (a sum that cancels
 * to near zero carries the rounding error of its terms). atol = rtol / 100 by default so values
 * near zero are held to an absolute floor instead of an impossible relative one.
 */
export interface Closeness {
  readonly maxAbs: number;
  readonly maxRel: number;
  readonly worstIndex: number;
  readonly ok: boolean;
}

/**
 * Compares two arrays element-wise as Closeness describes; arrays of different lengths, or a NaN difference, are not close.
 */
export function compareArrays(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol = rtol / 100,
  termMagnitude?: ArrayLike<number>,
): Closeness {
  if (actual.length !== expected.length) {
    return { maxAbs: Number.POSITIVE_INFINITY, maxRel: Number.POSITIVE_INFINITY, worstIndex: -1, ok: false };
  }
  let maxAbs = 0;
  let maxRel = 0;
  let worstIndex = -1;
  let worstExcess = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    const scale = Math.max(Math.abs(expected[i]!), termMagnitude?.[i] ?? 0);
    const allowed = rtol * scale + atol;
    if (Number.isNaN(diff)) return { maxAbs: Number.NaN, maxRel: Number.NaN, worstIndex: i, ok: false };
    maxAbs = Math.max(maxAbs, diff);
    maxRel = Math.max(maxRel, diff / Math.max(scale, atol / rtol));
    if (diff - allowed > worstExcess) {
      worstExcess = diff - allowed;
      worstIndex = i;
    }
  }
  return { maxAbs, maxRel, worstIndex, ok: worstExcess <= 0 };
}

/** A conformance case's failure: what differed, by how much, and where. */
export class ConformanceFailure extends Error {
  override name = "ConformanceFailure";
}

/**
 * compareArrays with atol = rtol / 100, throwing when the arrays are not close.
 * @throws {ConformanceFailure} naming `what`, the largest differences and the worst element.
 */
export function assertClose(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  termMagnitude?: ArrayLike<number>,
): Closeness {
  const result = compareArrays(actual, expected, rtol, rtol / 100, termMagnitude);
  if (!result.ok) {
    const i = result.worstIndex;
    throw new ConformanceFailure(
      `${what}: max |Δ| ${result.maxAbs.toExponential(3)}, max relative ${result.maxRel.toExponential(3)} exceeds rtol ${rtol}` +
        (i >= 0
          ? ` (worst at ${i}: got ${actual[i]}, expected ${expected[i]})`
          : ` (lengths ${actual.length} vs ${expected.length})`),
    );
  }
  return result;
}

export function assertThat(condition: boolean, message: string): void {
  if (!condition) throw new ConformanceFailure(message);
}

export async function assertRejects(what: string, work: () => Promise<unknown>, code: string): Promise<void> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  const actual = (caught as { code?: unknown } | undefined)?.code;
  assertThat(caught !== undefined, `${what}: expected a typed error with code "${code}", but nothing was thrown`);
  assertThat(
    actual === code,
    `${what}: expected error code "${code}", got ${JSON.stringify(actual)} (${String(caught)})`,
  );
}
