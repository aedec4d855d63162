import { describe, expect, it } from "vitest";
import { LOSS_CURVE_POINTS, RunLossCurve } from "./loss-curve.js";

describe("RunLossCurve", () => {
  it("numbers epochs from 1, keeps every one of a short run and averages the members", () => {
    const curve = new RunLossCurve(3);
    curve.addEpochs([1, 3, 2, 4], 1, 2);
    curve.addEpochs([0, 2], 3, 2);
    expect(curve.points()).toEqual({ epochs: [1, 2, 3], values: [2, 3, 1] });
  });

  it("thins a long run to every n-th epoch and ends at the latest epoch", () => {
    const epochs = 1000;
    const curve = new RunLossCurve(epochs);
    const losses = Array.from({ length: 997 }, (_, i) => 1000 - i);
    curve.addEpochs(losses, 1, 1);
    const { epochs: x, values } = curve.points();
    // every = 1000 / 200 = 5: epochs 1, 6, …, 996, then the latest (997).
    expect(x.slice(0, 3)).toEqual([1, 6, 11]);
    expect(x.at(-2)).toBe(996);
    expect(x.at(-1)).toBe(997);
    expect(values.at(-1)).toBe(4);
    expect(x.length).toBeLessThanOrEqual(LOSS_CURVE_POINTS + 1);
  });

  it("does not repeat the latest epoch when it was kept", () => {
    const curve = new RunLossCurve(1000);
    curve.addEpochs([7, 6, 5, 4, 3, 2], 1, 1);
    expect(curve.points()).toEqual({ epochs: [1, 6], values: [7, 2] });
  });
});
