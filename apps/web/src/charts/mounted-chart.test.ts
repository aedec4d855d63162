import type uPlot from "uplot";
import { describe, expect, it } from "vitest";
import { axes } from "./mounted-chart.js";

describe("every chart's axes", () => {
  it("label ticks compactly: 1e6, not 1,000,000, and nothing where a log axis filters a tick out", () => {
    const values = (axis: uPlot.Axis) =>
      (axis.values as (plot: uPlot, splits: (number | null)[]) => string[])({} as uPlot, [1e6, 2.5e6, 0.5, null]);
    for (const axis of [...axes("x", "y"), ...axes("", "")]) {
      expect(values(axis)).toEqual(["1e6", "2.5e6", "0.5", ""]);
    }
  });
});
