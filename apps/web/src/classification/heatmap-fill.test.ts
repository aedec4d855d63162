import { describe, expect, it } from "vitest";
import { CLASS_COLOURS, DISAGREEMENT_COLOUR, MAX_SHADE } from "./heatmap-colours.js";
import { disagreementLevel, fillDisagreementPixels, fillProbabilityPixels } from "./heatmap-fill.js";

function pixel(pixels: Uint8ClampedArray, i: number): number[] {
  return Array.from(pixels.subarray(4 * i, 4 * i + 4));
}

/** White shaded towards `colour` by `shade`, rounded as Uint8ClampedArray rounds. */
function shaded(colour: readonly number[], shade: number): number[] {
  return [...colour.map((c) => Math.round(255 + shade * (c - 255))), 255];
}

describe("fillProbabilityPixels", () => {
  it("an even split is white; a certain cell is its class colour at MAX_SHADE; halfway is half as dark", () => {
    const pixels = new Uint8ClampedArray(4 * 4);
    fillProbabilityPixels(pixels, Float32Array.from([0.5, 0.5, 1, 0, 0, 1, 0.25, 0.75]), 2);
    expect(pixel(pixels, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(pixels, 1)).toEqual(shaded(CLASS_COLOURS[0]!, MAX_SHADE));
    expect(pixel(pixels, 2)).toEqual(shaded(CLASS_COLOURS[1]!, MAX_SHADE));
    expect(pixel(pixels, 3)).toEqual(shaded(CLASS_COLOURS[1]!, MAX_SHADE / 2));
  });

  it("takes the most probable of K classes, measuring confidence from 1/K", () => {
    const pixels = new Uint8ClampedArray(4 * 2);
    fillProbabilityPixels(pixels, Float32Array.from([1 / 3, 1 / 3, 1 / 3, 0, 0.2, 0.8]), 3);
    expect(pixel(pixels, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(pixels, 1)).toEqual(shaded(CLASS_COLOURS[2]!, (MAX_SHADE * (0.8 - 1 / 3)) / (2 / 3)));
  });

  it("refuses probabilities that do not cover every cell", () => {
    expect(() => fillProbabilityPixels(new Uint8ClampedArray(8), new Float32Array(2), 2)).toThrow(RangeError);
  });
});

describe("mutual information map", () => {
  it("level is I / ln K, clamped to [0, 1]", () => {
    expect(disagreementLevel(0, 2)).toBe(0);
    expect(disagreementLevel(Math.log(2), 2)).toBeCloseTo(1, 12);
    expect(disagreementLevel(Math.log(2) / 4, 2)).toBeCloseTo(0.25, 12);
    expect(disagreementLevel(Math.log(3) / 2, 3)).toBeCloseTo(0.5, 12);
    expect(disagreementLevel(5, 2)).toBe(1);
    expect(disagreementLevel(-1e-9, 2)).toBe(0);
  });

  it("fills white where the members agree and the purple at ln K", () => {
    const pixels = new Uint8ClampedArray(4 * 3);
    fillDisagreementPixels(pixels, Float32Array.from([0, Math.log(2), Math.log(2) / 2]), 2);
    expect(pixel(pixels, 0)).toEqual([255, 255, 255, 255]);
    expect(pixel(pixels, 1)).toEqual([...DISAGREEMENT_COLOUR, 255]);
    // ln 2 / 2 in float32 sits a hair off the level 1/2: each channel within one step of it.
    pixel(pixels, 2).forEach((channel, c) => {
      expect(Math.abs(channel - shaded(DISAGREEMENT_COLOUR, 0.5)[c]!)).toBeLessThanOrEqual(1);
    });
    expect(() => fillDisagreementPixels(pixels, new Float32Array(2), 2)).toThrow(RangeError);
  });
});
