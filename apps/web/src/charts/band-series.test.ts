import { summarizeMembers } from "@rpf/core";
import { describe, expect, it } from "vitest";
import { BAND_LABELS, bandData, bandKindOf, bandSeries } from "./band-series.js";

/** Two members at two grid points; `variance` makes them Gaussian members. */
function prediction(variance?: Float32Array) {
  const members = Float32Array.from([1, 2, 3, 6]);
  const zeros = new Float32Array(4);
  return summarizeMembers({ members, prior: zeros, trainable: members, variance }, 2, 1);
}

describe("the main chart's bands", () => {
  it("for a squared-error model are mean ± 2σ and ± 1σ of the members' spread, as before", () => {
    const p = prediction();
    expect(bandKindOf(p)).toBe("spread");
    // Means 2 and 4, std 1 and 2.
    expect(bandData(Float32Array.from([0, 1]), p)).toEqual([
      [0, 1],
      [4, 8],
      [0, 0],
      [3, 6],
      [1, 2],
      [2, 4],
    ]);
    expect(bandSeries("spread").series.map((s) => s.label)).toEqual([
      undefined,
      "±2σ upper",
      "±2σ lower",
      "±1σ upper",
      "±1σ lower",
      "mean",
    ]);
  });

  it("for a Gaussian model are the total ±2σ outside and the noise (aleatoric) ±2σ inside", () => {
    // Each member's noise variance 3 at both points: aleatoric std √3, total √(3 + spread²).
    const p = prediction(Float32Array.from([3, 3, 3, 3]));
    expect(bandKindOf(p)).toBe("noise-and-total");
    const [x, totalUp, totalDown, noiseUp, noiseDown, mean] = bandData(Float32Array.from([0, 1]), p);
    expect(x).toEqual([0, 1]);
    expect(mean).toEqual([2, 4]);
    expect(noiseUp![0]).toBeCloseTo(2 + 2 * Math.sqrt(3), 5);
    expect(noiseDown![1]).toBeCloseTo(4 - 2 * Math.sqrt(3), 5);
    expect(totalUp![0]).toBeCloseTo(2 + 2 * Math.sqrt(3 + 1), 5);
    expect(totalDown![1]).toBeCloseTo(4 - 2 * Math.sqrt(3 + 4), 5);
    expect(BAND_LABELS["noise-and-total"]).toEqual(["total ±2σ", "noise (aleatoric) ±2σ"]);
    // The experiments' small multiples ask for the spread bands of the total std, whatever the head.
    expect(bandData(Float32Array.from([0, 1]), p, "spread")[3]![0]).toBeCloseTo(2 + Math.sqrt(4), 5);
  });
});
