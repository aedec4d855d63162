import { describe, expect, it } from "vitest";
import { lossCurve, meanOf } from "./loss-curve.js";

describe("lossCurve", () => {
  it("numbers the thinned history from epoch 1 and ends at the latest epoch", () => {
    const curve = lossCurve({ lossEvery: 15, meanLossHistory: [4, 3, 2] }, { epoch: 40, meanLoss: 1 });
    expect(curve).toEqual({ epochs: [1, 16, 31, 40], values: [4, 3, 2, 1] });
  });

  it("does not repeat the latest epoch when the history already ends there", () => {
    const curve = lossCurve({ lossEvery: 1, meanLossHistory: [4, 3] }, { epoch: 2, meanLoss: 3 });
    expect(curve).toEqual({ epochs: [1, 2], values: [4, 3] });
  });

  it("is the history alone without a latest epoch", () => {
    expect(lossCurve({ lossEvery: 2, meanLossHistory: [5, 4] }, null)).toEqual({ epochs: [1, 3], values: [5, 4] });
  });

  it("averages member losses", () => {
    expect(meanOf(Float64Array.from([1, 2, 6]))).toBe(3);
  });
});
