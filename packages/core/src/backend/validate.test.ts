import { describe, expect, it } from "vitest";
import { DivergenceError, NonFiniteOutputError } from "../errors.js";
import { checkFinite } from "./validate.js";

/** [epochs, members] = [3, 2]: epoch 2's member 1 overflows float32, epoch 3's member 0 is NaN. */
const LOSSES = [1, 2, 3, 3.7e40, Number.NaN, 4];

describe("checkFinite", () => {
  it("passes finite float32 losses", () => {
    expect(() => checkFinite([1, 2, 3.4e38, 4], 2, 1)).not.toThrow();
  });

  it("names the earliest bad epoch whatever the block it arrives in: epoch 2's overflow before epoch 3's NaN", () => {
    // One block of three epochs, as a long time slice delivers it.
    expect(() => checkFinite(LOSSES, 2, 1)).toThrow(NonFiniteOutputError);
    expect(() => checkFinite(LOSSES, 2, 1)).toThrow(/^member 1's training loss in epoch 2 is beyond float32's range/);
    // Epoch by epoch, as short slices deliver it: the same error.
    expect(() => checkFinite(LOSSES.slice(0, 2), 2, 1)).not.toThrow();
    expect(() => checkFinite(LOSSES.slice(2, 4), 2, 2)).toThrow(/^member 1's training loss in epoch 2 /);
  });

  it("calls a NaN or infinite loss a divergence, naming the lowest member of the earliest epoch", () => {
    const error = (() => {
      try {
        checkFinite([1, 2, Number.POSITIVE_INFINITY, Number.NaN], 2, 5);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DivergenceError);
    expect((error as DivergenceError).message).toMatch(/member 0 had a non-finite loss in epoch 6/);
  });
});
