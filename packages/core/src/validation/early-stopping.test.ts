import { describe, expect, it } from "vitest";
import { EarlyStopping } from "./early-stopping.js";

describe("EarlyStopping", () => {
  it("stops once patience epochs pass without a strictly lower score, keeping the first best", () => {
    const stopper = new EarlyStopping(2);
    const scores = [5, 3, 3, 4, 2.5, 2.6, 2.7, 1];
    const stops = scores.map((score, i) => stopper.record(i + 1, score).stop);
    expect(stops).toEqual([false, false, false, true, false, false, true, false]);
    expect(stopper.bestEpoch).toBe(8);
  });

  it("never stops without patience, and never counts a NaN score as better", () => {
    const stopper = new EarlyStopping(null);
    expect(stopper.record(1, 2).stop).toBe(false);
    expect(stopper.record(2, Number.NaN).improved).toBe(false);
    expect(stopper.record(50, 3).stop).toBe(false);
    expect([stopper.bestEpoch, stopper.bestScore]).toEqual([1, 2]);
  });

  it.each([0, 1.5, -1])("refuses patience %s", (patience) => {
    expect(() => new EarlyStopping(patience)).toThrow(/patience must be a whole number of epochs >= 1/);
  });
});
